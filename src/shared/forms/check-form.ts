// The checks every form passes before it is used, whether built in the console or imported from
// an XLSForm: valid and unique names, labels, choices lists, expressions that parse, references
// to questions that exist, `.` only in constraints, defaults that fit their type, and no cycle
// among relevant and calculation. compileForm also yields the order validateAnswers evaluates in.
import { answerTypeProblem } from './answer-values.ts';
import { FormExpressionError, isValidName, parseExpressionCached, referencesOf, usesCurrentAnswer, type Expression } from './expression.ts';
import type { Choice, FormDefinition, FormItem, Question } from './form-definition.ts';

/** One problem of a form: the question, group or choice at fault, the column (XLSForm's name for the field) and what is wrong. */
export interface FormProblem {
  /** The question or group at fault (absent for a choice, or for the form as a whole). */
  readonly item?: FormItem;
  /** The choice at fault, and its list. */
  readonly choice?: Choice;
  readonly listName?: string;
  readonly column: string;
  readonly messageZh: string;
  readonly messageEn: string;
}

/** A question or group with its parsed expressions and what its relevance and value depend on. */
export interface FormNode {
  readonly item: FormItem;
  readonly parent: FormNode | undefined;
  relevant?: Expression;
  calculation?: Expression;
  constraint?: Expression;
  /** The nodes to evaluate first: those referenced by relevant and calculation, and the parent group. */
  readonly dependencies: FormNode[];
}

export interface CompiledForm {
  /** Every question and group in document order. */
  readonly nodes: readonly FormNode[];
  /** The same nodes in evaluation order: each after all its dependencies (valid only without problems). */
  readonly order: readonly FormNode[];
  readonly problems: readonly FormProblem[];
}

type ExpressionColumn = 'relevant' | 'constraint' | 'calculation';

/** Every problem of a form, in form order; an empty list means the form can be used. */
export function findFormProblems(form: FormDefinition): FormProblem[] {
  return [...compileForm(form).problems];
}

/** Parses a form's expressions, checks it and orders its nodes for evaluation. */
export function compileForm(form: FormDefinition): CompiledForm {
  const problems: FormProblem[] = [];
  const report = (item: FormItem, column: string, messageZh: string, messageEn: string) => problems.push({ item, column, messageZh, messageEn });
  const nodes: FormNode[] = [];
  const byName = new Map<string, FormNode>();

  const addNodes = (items: readonly FormItem[], parent: FormNode | undefined) => {
    for (const item of items) {
      const node: FormNode = { item, parent, dependencies: parent ? [parent] : [] };
      nodes.push(node);
      if (!item.name) report(item, 'name', '缺少名称 name', 'the name is missing');
      else if (!isValidName(item.name)) report(item, 'name', `名称 “${item.name}” 无效：须以字母或下划线开头，只含字母、数字和 _ - .`, `the name "${item.name}" is not valid: start with a letter or _, then letters, digits, _ - or .`);
      else if (byName.has(item.name)) report(item, 'name', `名称 “${item.name}” 重复`, `the name "${item.name}" is used twice`);
      else byName.set(item.name, node);
      if (item.kind === 'group') addNodes(item.items, node);
      else checkQuestion(item, form, report);
    }
  };
  addNodes(form.items, undefined);
  if (nodes.length === 0) problems.push({ column: 'type', messageZh: '问卷没有任何题目', messageEn: 'the form has no questions' });

  const expressionColumns: ExpressionColumn[] = ['relevant', 'constraint', 'calculation'];
  for (const node of nodes) {
    for (const column of expressionColumns) {
      const text = expressionText(node.item, column);
      if (!text) continue;
      let expression: Expression;
      try {
        expression = parseExpressionCached(text);
      } catch (error) {
        if (!(error instanceof FormExpressionError)) throw error;
        report(node.item, column, `表达式有误：${error.messageZh}`, `the expression is broken: ${error.messageEn}`);
        continue;
      }
      node[column] = expression;
      if (column !== 'constraint' && usesCurrentAnswer(expression)) {
        report(node.item, column, '“.”（本题答案）只能用于 constraint，请用 ${名称} 引用题目', '"." (this answer) may only be used in a constraint: refer to questions as ${name}');
      }
      for (const name of referencesOf(expression)) {
        const target = byName.get(name);
        if (!target) report(node.item, column, `引用了不存在的题目 \${${name}}`, `refers to \${${name}}, which is not a question of this form`);
        else if (target.item.kind === 'group') report(node.item, column, `\${${name}} 是分组，不是题目`, `\${${name}} is a group, not a question`);
        else if (column !== 'constraint') node.dependencies.push(target);
      }
    }
  }

  checkChoiceLists(form, problems);
  const order = orderForEvaluation(nodes, report);
  const position = new Map(nodes.map((node, index) => [node.item, index]));
  // Form order: a problem of an item sorts with its item, choice problems after all questions.
  const rank = (problem: FormProblem) => (problem.item ? (position.get(problem.item) ?? 0) : problem.choice ? nodes.length : -1);
  problems.sort((first, second) => rank(first) - rank(second));
  return { nodes, order, problems };
}

function expressionText(item: FormItem, column: ExpressionColumn): string | undefined {
  if (column === 'relevant') return item.relevant?.trim();
  if (item.kind === 'group') return undefined;
  if (column === 'constraint') return item.type === 'calculate' || item.type === 'note' ? undefined : item.constraint?.trim();
  return item.type === 'calculate' ? item.calculation?.trim() : undefined;
}

function hasText(text: Readonly<Record<string, string>> | undefined): boolean {
  return Object.values(text ?? {}).some((value) => value.trim() !== '');
}

function checkQuestion(question: Question, form: FormDefinition, report: (item: FormItem, column: string, messageZh: string, messageEn: string) => void): void {
  if (question.type !== 'calculate' && !hasText(question.label)) report(question, 'label', '缺少标签 label', 'the label is missing');
  if (question.type === 'calculate' && !question.calculation?.trim()) report(question, 'calculation', 'calculate 题须填写 calculation', 'a calculate question needs a calculation');
  if (question.type === 'select_one' || question.type === 'select_multiple') {
    if (!question.listName) report(question, 'type', `${question.type} 后须写选项列表名称，如 ${question.type} yes_no`, `${question.type} needs the name of a choices list, e.g. ${question.type} yes_no`);
    else if (!Object.hasOwn(form.choiceLists, question.listName)) report(question, 'type', `没有名为 “${question.listName}” 的选项列表`, `there is no choices list named "${question.listName}"`);
  }
  const defaultValue = question.default?.trim();
  if (defaultValue && question.type !== 'calculate' && question.type !== 'note' && (!question.listName || Object.hasOwn(form.choiceLists, question.listName))) {
    const problem = answerTypeProblem(question, defaultValue, form);
    if (problem) report(question, 'default', `默认值不符合题型：${problem.messageZh}`, `the default does not fit the question: ${problem.messageEn}`);
  }
}

function checkChoiceLists(form: FormDefinition, problems: FormProblem[]): void {
  for (const [listName, choices] of Object.entries(form.choiceLists)) {
    const seen = new Set<string>();
    for (const choice of choices) {
      const report = (column: string, messageZh: string, messageEn: string) => problems.push({ choice, listName, column, messageZh, messageEn });
      if (!choice.name) report('name', '缺少选项值 name', 'the choice has no name');
      else if (/\s/.test(choice.name)) report('name', `选项值 “${choice.name}” 不能含空格（多选题用空格分隔所选的值）`, `the choice name "${choice.name}" must not contain spaces (a select_multiple answer separates values by spaces)`);
      else if (seen.has(choice.name)) report('name', `列表 “${listName}” 中选项值 “${choice.name}” 重复`, `the choice name "${choice.name}" is used twice in list "${listName}"`);
      seen.add(choice.name);
      if (!hasText(choice.label)) report('label', '缺少选项标签 label', 'the choice has no label');
    }
  }
}

// Depth-first, in document order, so independent questions keep their order; a node met again
// while its own dependencies are being visited closes a cycle, which is reported once.
function orderForEvaluation(nodes: readonly FormNode[], report: (item: FormItem, column: string, messageZh: string, messageEn: string) => void): FormNode[] {
  const order: FormNode[] = [];
  const state = new Map<FormNode, 'visiting' | 'done'>();
  const path: FormNode[] = [];
  const visit = (node: FormNode) => {
    const seen = state.get(node);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = path.slice(path.indexOf(node));
      const next = cycle[1] ?? node;
      const column = node.calculation && referencesOf(node.calculation).includes(next.item.name) ? 'calculation' : 'relevant';
      const names = [...cycle, node].map((member) => member.item.name).join(' → ');
      report(node.item, column, `循环依赖：${names}`, `circular dependency: ${names}`);
      return;
    }
    state.set(node, 'visiting');
    path.push(node);
    for (const dependency of node.dependencies) visit(dependency);
    path.pop();
    state.set(node, 'done');
    order.push(node);
  };
  for (const node of nodes) visit(node);
  return order;
}
