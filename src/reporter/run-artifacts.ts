import type { Artifact } from '../run/types.js'
import { toCsv } from './csv.js'
import { safeFileName } from './safe-file-name.js'

/** File names the reporter writes itself in a run folder; artifacts never overwrite them. */
export const RESERVED_RUN_FILES = new Set(['run.json', 'metrics.csv', 'per_class_metrics.csv', 'slices.csv'])

/** One artifact as a file: safe name inside the run folder and its bytes. */
export interface ArtifactFile {
  artifact: Artifact
  fileName: string
  content: string | Buffer
}

/**
 * Turns the run's artifacts into files: text as is, bytes decoded from base64, rows as CSV
 * (formula cells neutralised), JSON pretty-printed. File names are made safe (an artifact's
 * `fileName` cannot leave the run folder), get the right extension, and are unique.
 */
export function artifactFiles(artifacts: readonly Artifact[], taken: ReadonlySet<string> = RESERVED_RUN_FILES): ArtifactFile[] {
  const used = new Set([...taken].map((n) => n.toLowerCase()))
  return artifacts.map((artifact) => {
    const fileName = uniqueName(withExtension(safeFileName(artifact.fileName || artifact.name), artifact), used)
    used.add(fileName.toLowerCase())
    return { artifact, fileName, content: artifactContent(artifact) }
  })
}

function artifactContent(artifact: Artifact): string | Buffer {
  const { content } = artifact
  switch (content.type) {
    case 'text':
      return content.text
    case 'bytes':
      return Buffer.from(content.base64, 'base64')
    case 'rows':
      return toCsv(content.columns, content.rows)
    case 'json':
      return `${JSON.stringify(content.value, null, 2)}\n`
  }
}

function withExtension(name: string, artifact: Artifact): string {
  const wanted = artifact.content.type === 'rows' ? '.csv' : artifact.content.type === 'json' ? '.json' : undefined
  if (wanted && !name.toLowerCase().endsWith(wanted)) return `${name}${wanted}`
  if (artifact.content.type === 'text' && !/\.[a-z0-9]{1,8}$/i.test(name)) return `${name}.txt`
  return name
}

function uniqueName(name: string, used: ReadonlySet<string>): string {
  if (!used.has(name.toLowerCase())) return name
  const dot = name.lastIndexOf('.')
  const stem = dot > 0 ? name.slice(0, dot) : name
  const ext = dot > 0 ? name.slice(dot) : ''
  for (let i = 2; ; i++) {
    const candidate = `${stem}-${i}${ext}`
    if (!used.has(candidate.toLowerCase())) return candidate
  }
}

/**
 * The rows artifact that lists the first wrong predictions (built-in `misclassified`, or the
 * largest errors of a regressor), if the run carries one.
 */
export function misclassifiedArtifact(artifacts: readonly Artifact[]): (Artifact & { content: { type: 'rows' } }) | undefined {
  const rows = artifacts.filter((a): a is Artifact & { content: { type: 'rows'; columns: string[]; rows: Array<Record<string, unknown>> } } => a.content.type === 'rows')
  return rows.find((a) => a.builtin && /misclassif/i.test(a.name)) ?? rows.find((a) => a.builtin && /error/i.test(a.name))
}
