/**
 * `npm run bench -- studio` prints its table from the samples and per-process CPU it measured
 * (the measuring itself needs the Studio build and Chromium: run the bench).
 */
import {cpus} from 'node:os'
import {describe, expect, it} from 'vitest'

import {formatStudioBench} from '../../scripts/benchStudio.ts'

describe('the Studio bench table', () => {
  it('gives the wall-time median and range of page loads and of clicks, the median CPU of each process type and the load', () => {
    const table = formatStudioBench(
      [3100, 2900, 4200, 3000],
      [
        {browser: 120, renderer: 2000, zygote: 0},
        {browser: 100, renderer: 2100, zygote: 0},
        {browser: 140, renderer: 1900, zygote: 0},
        {browser: 130, renderer: 2050, zygote: 0},
      ],
      [12.25, 9.5],
      [900, 380, 410],
    )
    expect(table.split('\n')).toEqual([
      '| measure | value |',
      '| --- | --- |',
      '| navigation → usable article form (4 navigations) | median 3000 ms, 2900–4200 ms (target ≤ 1500) |',
      '| samples | 3100, 2900, 4200, 3000 ms |',
      '| click in the list → usable article form, Studio open (3 clicks) | median 410 ms, 380–900 ms |',
      '| CPU per navigation: browser | median 120 ms |',
      '| CPU per navigation: renderer | median 2000 ms |',
      '| CPU per navigation: total | median 2120 ms |',
      `| load average (start, end) | 12.3, 9.5 on ${cpus().length} CPUs |`,
    ])
  })
})
