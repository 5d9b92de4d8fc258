/**
 * CPU time of a browser and its child processes by process type (Linux /proc), so a bench can say
 * where the CPU of a page load went, whatever else the machine runs.
 */
import {readdirSync, readFileSync} from 'node:fs'

interface ProcessInfo {
  parent: number
  cpuMs: number
  commandLine: string
}

/** Linux reports CPU times in clock ticks; 100 per second on every platform Node supports there. */
const MS_PER_TICK = 10

/**
 * CPU milliseconds (user + system) so far of the process whose command line contains `marker`
 * (e.g. the browser's own `--user-data-dir=…`) and its descendants, summed by Chromium's
 * `--type=` (renderer, gpu-process, utility; the main process is `browser`).
 * @returns an empty record where /proc does not exist
 */
export function processTreeCpu(marker: string): Record<string, number> {
  const processes = readProcesses()
  const roots = [...processes].filter(([, info]) => info.commandLine.includes(marker) && !info.commandLine.includes('--type='))
  const byType: Record<string, number> = {}
  const seen = new Set<number>()
  const visit = (pid: number, info: ProcessInfo) => {
    if (seen.has(pid)) return
    seen.add(pid)
    const type = /--type=(\S+)/.exec(info.commandLine)?.[1] ?? 'browser'
    byType[type] = (byType[type] ?? 0) + info.cpuMs
    for (const [child, childInfo] of processes) if (childInfo.parent === pid) visit(child, childInfo)
  }
  for (const [pid, info] of roots) visit(pid, info)
  return byType
}

function readProcesses(): Map<number, ProcessInfo> {
  const processes = new Map<number, ProcessInfo>()
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return processes
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // Fields after the command name, which may itself hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ')
      processes.set(Number(entry), {
        parent: Number(fields[1]),
        cpuMs: (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK,
        commandLine,
      })
    } catch {
      // The process ended while being read.
    }
  }
  return processes
}
