// What writing a fresh typed array costs on this machine, against writing the same array again.
//
//   node bench/engine/first-touch.mjs [--mb 40] [--repeat 5]
//
// The 1,000,000-row engine run builds a 40 MB row-major probability matrix (1,000,000 x 5
// Float64) from the five loaded probability columns. Its first write pays a page fault per 4 KB
// page; on the Firecracker VM the engine figures come from, that fault is far dearer than the
// write itself. This prints, per repeat, the time of the first fill of a fresh array and of a
// second fill of the same array (the peer, same run), and their ratio; then the first-fill time
// per 4 KB page and the minor page faults counted in the first fills (`process.resourceUsage()`;
// with transparent huge pages, e.g. GLIBC_TUNABLES=glibc.malloc.hugetlb=1, they drop about 30x
// while the time drops by a quarter only: most of the cost is the host backing fresh memory).

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(name)
  return at >= 0 ? Number(args[at + 1]) : fallback
}
const megabytes = option('--mb', 40)
const repeat = option('--repeat', 5)
const length = (megabytes * (1 << 20)) / 8

const firsts = []
const seconds = []
let faults = 0
for (let r = 0; r < repeat; r++) {
  const array = new Float64Array(length)
  const faultsBefore = process.resourceUsage().minorPageFault
  let started = performance.now()
  array.fill(1)
  const first = performance.now() - started
  faults += process.resourceUsage().minorPageFault - faultsBefore
  started = performance.now()
  array.fill(2)
  const second = performance.now() - started
  firsts.push(first)
  seconds.push(second)
  console.log(`${megabytes} MB: first fill ${first.toFixed(1)} ms, second fill ${second.toFixed(1)} ms, ratio ${(first / second).toFixed(0)}x`)
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]
const pages = (repeat * megabytes * (1 << 20)) / 4096
const perPage = (firsts.reduce((a, b) => a + b, 0) * 1000) / pages
console.log(
  `median first ${median(firsts).toFixed(1)} ms, second ${median(seconds).toFixed(1)} ms, ratio ${(median(firsts) / median(seconds)).toFixed(0)}x; ` +
    `first fill ${perPage.toFixed(1)} us per 4 KB page; ${faults} minor page faults in the first fills (${pages} pages)`,
)
