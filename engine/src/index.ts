export * from './api';
export { analyze, initEngine } from './analyze';
export { runProgram } from './run';
export { findCells } from './cells';
export { allRules, findRule, ruleDocsUrl } from './rules/registry';
