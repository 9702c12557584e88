// Importing this module registers every rule.
import './syntaxError';
import './shape/index';
import './stability/index';
