// The phone app's words: Chinese first, English on a switch. One small dictionary, both languages
// side by side so a missing translation is a type error.
const dictionary = {
  appName: ['蹲点服务', 'Stationed service'],
  appSubtitle: ['干部手机端', 'Cadre phone app'],
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  signIn: ['登录', 'Sign in'],
  signingIn: ['正在登录…', 'Signing in…'],
  signOut: ['退出', 'Sign out'],
  signOutPending: ['还有 {n} 条记录未同步，退出后它们仍保存在本机，下次登录时继续同步。确定退出？', '{n} records are not synced yet. They stay on this phone and sync at your next sign-in. Sign out?'],
  sessionExpired: ['登录已过期，请重新登录；未同步的记录仍在本机。', 'Your session has expired: sign in again. Unsynced records are kept on this phone.'],
  offlineSignIn: ['需联网登录一次，之后可离线使用。', 'Sign in once online; after that the app works offline.'],
  language: ['English', '中文'],
  back: ['返回', 'Back'],
  save: ['保存', 'Save'],
  saved: ['已保存在本机，联网后自动同步', 'Saved on this phone; it syncs when the connection is back'],
  cancel: ['取消', 'Cancel'],
  retry: ['重试', 'Retry'],
  loading: ['加载中…', 'Loading…'],
  offlineData: ['离线数据，更新于 {at}', 'Offline copy from {at}'],
  noConnection: ['网络不通', 'No connection'],
  required: ['必填', 'required'],
  myPoints: ['我的联系点', 'My points'],
  noPoints: ['暂无联系点', 'No points yet'],
  households: ['户', 'households'],
  dueThisWeek: ['本周应访 {n}', '{n} due this week'],
  visitedThisMonth: ['本月已访 {n}', '{n} visited this month'],
  diaryToday: ['今日日志', "Today's diary"],
  outbox: ['同步', 'Sync'],
  pendingBadge: ['待同步 {n}', '{n} to sync'],
  allSynced: ['已全部同步', 'All synced'],
  dueOnly: ['本周应访', 'Due this week'],
  allHouseholds: ['全部', 'All'],
  noHouseholds: ['没有符合的户', 'No households here'],
  lastVisit: ['上次 {date} {outcome}', 'Last {date} {outcome}'],
  neverVisited: ['未走访', 'Not visited yet'],
  due: ['应访', 'Due'],
  visitPending: ['走访待同步', 'Visit not synced'],
  members: ['{n} 人', '{n} people'],
  addHousehold: ['新增户', 'Add household'],
  editHousehold: ['修改', 'Edit'],
  recordVisit: ['记走访', 'Record visit'],
  recordAppeal: ['记诉求', 'Record appeal'],
  recordMeeting: ['记座谈', 'Record meeting'],
  recordActivity: ['参加活动', 'Activity joined'],
  visitTitle: ['走访 {name}', 'Visit {name}'],
  visitedOn: ['日期', 'Date'],
  visitors: ['走访人', 'Visitors'],
  outcome: ['结果', 'Outcome'],
  outcome_received: ['已接待', 'Received'],
  outcome_nobody_home: ['无人在家', 'Nobody home'],
  outcome_refused: ['吃闭门羹', 'Refused at the door'],
  notes: ['情况记录', 'Notes'],
  needs: ['发现的诉求', 'Needs found'],
  addNeed: ['+ 添加诉求', '+ Add a need'],
  remove: ['删除', 'Remove'],
  category: ['类别', 'Category'],
  chooseCategory: ['请选择类别', 'Choose a category'],
  description: ['问题描述', 'Description'],
  descriptionTooShort: ['请描述问题（至少 2 个字）', 'Describe the problem (2 characters at least)'],
  contactPhone: ['群众电话', "Resident's phone"],
  phoneInvalid: ['电话号码格式不对', 'Not a phone number'],
  anonymous: ['匿名', 'Anonymous'],
  channel: ['渠道', 'Channel'],
  channel_household_visit: ['入户走访', 'Household visit'],
  channel_symposium: ['座谈会', 'Symposium'],
  channel_walk_in: ['来访', 'Walk-in'],
  channel_hotline: ['电话', 'Phone call'],
  appealTitle: ['记诉求', 'Record an appeal'],
  meetingTitle: ['记座谈会 / 协调议事', 'Record a meeting'],
  meetingKind: ['类型', 'Kind'],
  kind_symposium: ['座谈会', 'Symposium'],
  kind_deliberation: ['协调议事', 'Deliberation'],
  heldOn: ['日期', 'Date'],
  title: ['主题', 'Title'],
  attendeeCount: ['参加人数', 'Attendees'],
  organisations: ['参加单位（用逗号分隔）', 'Organisations (comma-separated)'],
  minutes: ['会议记录', 'Minutes'],
  decisions: ['议定事项', 'Decisions'],
  addDecision: ['+ 添加议定事项', '+ Add a decision'],
  decisionText: ['事项', 'Decision'],
  decision_task: ['任务', 'Task'],
  decision_appeal: ['转诉求', 'Appeal'],
  owner: ['负责人', 'Owner'],
  dueOn: ['完成时限', 'Due'],
  activityTitle: ['参加群众活动', 'Activity joined'],
  note: ['备注', 'Note'],
  diaryTitle: ['民情日记', 'Diary'],
  entryOn: ['日期', 'Date'],
  isOnSite: ['今天在点上', 'On site today'],
  point: ['联系点', 'Point'],
  noPoint: ['（不在点上）', '(not at a point)'],
  diaryText: ['今天做了什么、听到了什么', 'What you did and heard today'],
  householdTitle: ['户信息', 'Household'],
  headName: ['户主 / 对象', 'Head of household'],
  address: ['地址', 'Address'],
  phone: ['电话', 'Phone'],
  memberCount: ['人口', 'Members'],
  flags: ['关注标记', 'Flags'],
  flag_left_behind_elderly: ['留守老人', 'Left-behind elderly'],
  flag_left_behind_children: ['留守儿童', 'Left-behind children'],
  flag_minimum_income: ['低保', 'Minimum income'],
  flag_disability: ['残疾', 'Disability'],
  flag_poverty_risk: ['返贫风险', 'Poverty risk'],
  flag_empty_nest: ['空巢', 'Empty nest'],
  flag_other: ['其他', 'Other'],
  visitCycleDays: ['走访周期（天）', 'Visit every (days)'],
  noIdNumbers: ['请勿记录身份证号', 'Do not record ID numbers'],
  syncTitle: ['同步', 'Sync'],
  syncNow: ['立即同步', 'Sync now'],
  syncing: ['正在同步…', 'Syncing…'],
  lastSynced: ['上次同步 {at}', 'Last synced {at}'],
  syncFailed: ['同步未成功，稍后自动重试：{message}', 'Sync failed, retrying soon: {message}'],
  pending: ['待同步', 'Not synced yet'],
  needsFixing: ['需修改', 'Needs fixing'],
  conflicts: ['冲突', 'Conflicts'],
  synced: ['已同步', 'Synced'],
  nothingHere: ['无', 'None'],
  status_created: ['已入库', 'Stored'],
  status_duplicate: ['已入库（重复提交已合并）', 'Stored (repeat merged)'],
  status_updated: ['已更新', 'Updated'],
  trackingCode: ['查询码', 'Tracking code'],
  resend: ['重新提交', 'Send again'],
  edit: ['修改', 'Edit'],
  discard: ['放弃此条', 'Discard'],
  discardConfirm: ['确定放弃这条记录？放弃后不会再提交。', 'Discard this record? It will not be sent.'],
  conflictHint: ['这户在别处也被修改了。请选择保留哪个版本。', 'This was also changed elsewhere. Choose which version to keep.'],
  mine: ['我的', 'Mine'],
  theirs: ['服务器上的', "Server's"],
  keepMine: ['保留我的', 'Keep mine'],
  takeTheirs: ['采用服务器的', 'Take theirs'],
  kind_household: ['户', 'Household'],
  kind_visit: ['走访', 'Visit'],
  kind_meeting: ['会议', 'Meeting'],
  kind_decision: ['事项进度', 'Decision progress'],
  kind_activity: ['活动', 'Activity'],
  kind_diary: ['日志', 'Diary'],
  kind_appeal: ['诉求', 'Appeal'],
  updateAvailable: ['有新版本，点此更新', 'A new version is ready: tap to update'],
  recordedAt: ['记录于 {at}', 'Recorded {at}'],
} satisfies Record<string, [string, string]>;

export type TextKey = keyof typeof dictionary;
export type Language = 'zh' | 'en';

const languageKey = 'dundian.m.language';
let language: Language = (typeof localStorage !== 'undefined' && localStorage.getItem(languageKey) === 'en' ? 'en' : 'zh');

export function currentLanguage(): Language {
  return language;
}

export function setLanguage(next: Language): void {
  language = next;
  localStorage.setItem(languageKey, next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  window.dispatchEvent(new Event('dundian-language'));
}

/** Switches between Chinese and English. */
export function toggleLanguage(): void {
  setLanguage(language === 'zh' ? 'en' : 'zh');
}

/** The text of `key` in the current language, with {name} placeholders filled in. */
export function t(key: TextKey, values?: Record<string, string | number>): string {
  const text = dictionary[key][language === 'zh' ? 0 : 1];
  return values ? text.replace(/\{(\w+)\}/g, (_whole, name: string) => String(values[name] ?? '')) : text;
}

/** Picks the Chinese or English half of a bilingual server message. */
export function pick(zh: string, en: string | undefined): string {
  return language === 'en' && en ? en : zh;
}
