/**
 * Child process of the lake bench: serves the lake in `argv[2]` on a free port and prints
 * `{"url", "token"}` as one JSON line, so the bench measures this process's RSS alone.
 */
import {startLake} from '../../lake/serve.ts'

const dir = process.argv[2]
if (!dir) throw new Error('usage: benchLakeServer.ts <dir>')
const lake = await startLake({dir, port: 0})
process.stdout.write(JSON.stringify({url: lake.url, token: lake.token}) + '\n')
process.stdin.resume()
process.stdin.on('end', () => lake.close().then(() => process.exit(0)))
