// The version printed by --version and written into SARIF, taken from package.json at build time.
import manifest from '../../package.json';

export const CLI_VERSION: string = manifest.version;
