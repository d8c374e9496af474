// The questionnaire expression language: the small part of XPath 1.0 that ODK/XLSForm forms use
// in relevant, constraint and calculation, parsed to a plain AST and evaluated by our own
// evaluator. The same code runs on the cadre's phone (offline, in the browser bundle) and on the
// server, so an answer the phone accepts is accepted again on the server. No DOM, no Node APIs.
//
// The grammar and the parser are in parse-expression.ts (re-exported here: import from this file).
// Semantics follow XPath 1.0 as ODK uses it:
// - A value is a string, number or boolean; an absent answer is ''.
// - `=` and `!=`: a boolean on either side compares as booleans, else a number on either side
//   compares as numbers, else as strings. `<` `<=` `>` `>=` always compare numbers.
// - Text → number uses XPath's number syntax (`-12.5`; no exponent, no `+`): '' and words are
//   NaN, so `${age} > 18` is false while age is blank. A date YYYY-MM-DD is a number of days
//   since 1970-01-01 (as ODK does), so dates order with `<` and `today() - ${birthday}` is days.
// - Number → text: integers without a decimal point, NaN as 'NaN'.
// - regex(value, pattern) is a JavaScript RegExp search, like ODK's (Java's find()): it matches
//   anywhere in the value unless the pattern has ^ and $.
// - today() is YYYY-MM-DD from the context's clock; by default the date in China, whatever the
//   time zone of the phone or the server, so both agree just after midnight.
// - string-length() counts characters (code points), so a rare CJK character counts once.
// - and/or/if() evaluate only what they need, like XPath.
import { compileRegex, parseExpressionCached, type BinaryOperator, type Expression, type FunctionName } from './parse-expression.ts';

export {
  FormExpressionError,
  isValidName,
  parseExpression,
  parseExpressionCached,
  referencesOf,
  usesCurrentAnswer,
  type BinaryOperator,
  type Expression,
  type FunctionName,
} from './parse-expression.ts';

/** A value an expression yields: XPath's string, number and boolean. */
export type Value = string | number | boolean;

/** What an expression reads: the value of ${name}, the answer `.` stands for, and the clock. */
export interface EvaluationContext {
  /** The value of ${name}; undefined (an absent answer) reads as ''. */
  resolve(name: string): Value | undefined;
  /** The value of `.`: the answer a constraint checks ('' when absent). */
  current?: Value;
  /** Today's date as YYYY-MM-DD; defaults to chinaToday(). */
  today?: () => string;
}


// ---- Values ----

const xpathNumber = /^[ \t\r\n]*-?(?:\d+(?:\.\d*)?|\.\d+)[ \t\r\n]*$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayMilliseconds = 86_400_000;

/** Days since 1970-01-01 of a calendar date YYYY-MM-DD, or undefined for anything else. */
export function daysSinceEpoch(text: string): number | undefined {
  const match = isoDate.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return time / dayMilliseconds;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  return daysSinceEpoch(text) !== undefined;
}

/** XPath number(): booleans are 1/0; text in XPath number syntax, or a date as days since 1970-01-01; anything else NaN. */
export function toNumber(value: Value): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (xpathNumber.test(value)) return Number(value.trim());
  return daysSinceEpoch(value.trim()) ?? Number.NaN;
}

/** XPath boolean(): non-empty text, a number other than 0 and NaN. */
export function toBoolean(value: Value): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return value.length > 0;
}

/** XPath string(): 'true'/'false', integers without a decimal point, NaN as 'NaN'. */
export function valueToString(value: Value): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** The values of a select_multiple answer (space-separated). */
export function splitSelection(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Today's date in China (UTC+8 all year, no daylight saving) as YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

// ---- Evaluation ----

/** Evaluates an expression (or its text, parsed through the cache) to a string, number or boolean. */
export function evaluate(expression: Expression | string, context: EvaluationContext): Value {
  return evaluateNode(typeof expression === 'string' ? parseExpressionCached(expression) : expression, context);
}

/** Evaluates an expression to true or false (XPath boolean()), as relevant and constraint are read. */
export function evaluateBoolean(expression: Expression | string, context: EvaluationContext): boolean {
  return toBoolean(evaluate(expression, context));
}

function evaluateNode(node: Expression, context: EvaluationContext): Value {
  switch (node.kind) {
    case 'number':
    case 'string':
      return node.value;
    case 'reference':
      return context.resolve(node.name) ?? '';
    case 'current':
      return context.current ?? '';
    case 'negate':
      return -toNumber(evaluateNode(node.operand, context));
    case 'binary':
      return evaluateBinary(node.operator, node.left, node.right, context);
    case 'call':
      return callFunction(node.name, node.args, context);
  }
}

function evaluateBinary(operator: BinaryOperator, leftNode: Expression, rightNode: Expression, context: EvaluationContext): Value {
  const left = evaluateNode(leftNode, context);
  if (operator === 'or') return toBoolean(left) || toBoolean(evaluateNode(rightNode, context));
  if (operator === 'and') return toBoolean(left) && toBoolean(evaluateNode(rightNode, context));
  const right = evaluateNode(rightNode, context);
  switch (operator) {
    case '=':
      return areEqual(left, right);
    case '!=':
      return !areEqual(left, right);
    case '<':
      return toNumber(left) < toNumber(right);
    case '<=':
      return toNumber(left) <= toNumber(right);
    case '>':
      return toNumber(left) > toNumber(right);
    case '>=':
      return toNumber(left) >= toNumber(right);
    case '+':
      return toNumber(left) + toNumber(right);
    case '-':
      return toNumber(left) - toNumber(right);
    case '*':
      return toNumber(left) * toNumber(right);
    case 'div':
      return toNumber(left) / toNumber(right);
    case 'mod':
      return toNumber(left) % toNumber(right);
  }
}

function areEqual(left: Value, right: Value): boolean {
  if (typeof left === 'boolean' || typeof right === 'boolean') return toBoolean(left) === toBoolean(right);
  if (typeof left === 'number' || typeof right === 'number') return toNumber(left) === toNumber(right);
  return left === right;
}

function callFunction(name: FunctionName, args: readonly Expression[], context: EvaluationContext): Value {
  const argument = (at: number): Value => evaluateNode(args[at], context);
  const argumentOrCurrent = (): Value => (args.length > 0 ? argument(0) : (context.current ?? ''));
  switch (name) {
    case 'not':
      return !toBoolean(argument(0));
    case 'selected':
      return splitSelection(valueToString(argument(0))).includes(valueToString(argument(1)).trim());
    case 'count-selected':
      return splitSelection(valueToString(argument(0))).length;
    case 'string-length':
      return [...valueToString(argumentOrCurrent())].length;
    case 'regex':
      return compileRegex(valueToString(argument(1)), args[1].position).test(valueToString(argument(0)));
    case 'if':
      return toBoolean(argument(0)) ? argument(1) : argument(2);
    case 'concat':
      return args.map((_, at) => valueToString(argument(at))).join('');
    case 'today':
      return (context.today ?? chinaToday)();
    case 'number':
      return toNumber(argumentOrCurrent());
    case 'string':
      return valueToString(argumentOrCurrent());
    case 'boolean':
      return toBoolean(argument(0));
    case 'true':
      return true;
    case 'false':
      return false;
  }
}
