import { runCli } from '../../src/cli/run-cli.js'

/** Runs the command line in this process (`runCli`, what dist/cli/main.js runs); its exit code and what it printed. */
export async function bufferedCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['node', 'evalgate', ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
  return { code, stdout, stderr }
}
