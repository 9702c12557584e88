// Real-code corpus: the whole CLI (`check --format json`) over torchvision, torchaudio and
// torch's nn/ and distributions/. Targets: >= 20,000 lines/s on this 2-core machine, and no
// error/warning finding on shipped library code (info findings are allowed but listed).
import { formatFindings, runCorpus, summary } from '../test/fuzz/corpus';

const TARGET_LINES_PER_SECOND = 20_000;

export default async function corpusBench(): Promise<void> {
  const result = runCorpus();
  if (!result) {
    console.log('corpus: skipped, no torchvision/torchaudio/torch sources under /usr/lib/python3/dist-packages');
    return;
  }
  console.log(summary(result));
  const findings = formatFindings(result);
  if (findings) console.log(findings);
  const linesPerSecond = result.lines / (result.wallMs / 1000);
  const loud = result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
  const crashed = result.exitCode !== 0 && result.exitCode !== 1;
  console.log(`speed: ${linesPerSecond >= TARGET_LINES_PER_SECOND ? 'PASS' : 'MISS'}; error/warning findings: ${loud === 0 ? 'PASS' : `MISS (${loud})`}; CLI exit: ${crashed ? `FAIL (${result.exitCode})` : 'ok'}`);
  if (crashed) throw new Error(`the CLI failed on the corpus (exit ${result.exitCode}): ${result.stderr.slice(0, 2000)}`);
}
