// Texts of the issues page (grouping alike cases), English.
import type { issuesZh } from './issues-zh.ts';

export const issuesEn: Record<keyof typeof issuesZh, string> = {
  'nav.appealIssues': 'Shared problems',
  'issues.title': 'Shared problems',
  'issues.intro': 'When the same kind of appeal comes up again and again in several villages, group the cases into one problem for the level that can fix it: the township within one township, the county department across townships.',
  'issues.window': 'last {days} days',
  'issues.windowLabel': 'Time window',
  'issues.suggestions': 'Suggested groups',
  'issues.noSuggestions': 'No alike cases to group',
  'issues.cases': '{count} cases · {points} points',
  'issues.pointsUnit': ' points',
  'issues.example': 'e.g. {title}',
  'issues.owner': 'Suggested owner: {level} ({unit})',
  'issues.noUnit': 'none in the dispatch catalogue',
  'issues.titleLabel': 'Problem name',
  'issues.create': 'Group into one problem',
  'issues.created': 'Grouped; cases not yet dispatched went to the handling unit',
  'issues.made': 'Problems made',
  'issues.column.title': 'Problem',
  'issues.column.category': 'Category',
  'issues.column.owner': 'Owner',
  'issues.column.cases': 'Cases',
  'issues.column.progress': 'Closed',
  'issues.column.created': 'Made',
};
