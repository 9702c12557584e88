export * from './api';
export { analyze, initEngine, createParseSession } from './analyze';
export { runProgram } from './run';
export { findCells } from './cells';
export { allRules, findRule, ruleDocsUrl } from './rules/registry';
