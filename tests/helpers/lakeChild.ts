/**
 * Child process of the abuse tests: serves a lake from `argv[2]` on a free port with a query
 * time budget of `argv[3]` ms and prints `{"url", "token"}` as one line once it listens. A test
 * can then see whether a request killed the process, which it cannot see of a lake in its own.
 */
import {startLake} from '../../lake/serve.ts'

const [dir, timeout] = process.argv.slice(2)
if (!dir) throw new Error('usage: lakeChild.ts <dir> [query timeout ms]')
const lake = await startLake({dir, port: 0, queryTimeoutMs: timeout ? Number(timeout) : undefined})
process.stdout.write(JSON.stringify({url: lake.url, token: lake.token}) + '\n')
process.once('SIGTERM', () => lake.close().then(() => process.exit(0)))
