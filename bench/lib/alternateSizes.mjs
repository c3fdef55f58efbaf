/**
 * Each case at every size in turn, round after round (the sizes alternate, so a busy moment of the machine falls on
 * all of them alike), and each size's median per case. A case is warmed once at every size first; a case named
 * `once: …` is not warmed and runs once (it is too slow, or changes what it reads).
 *
 * @param {Array<Record<string, () => Promise<unknown>>>} casesBySize  one record of named cases per size
 * @param {number} repeat  rounds per case
 * @returns {Promise<Array<Record<string, number>>>}  per size, each case's median in milliseconds
 */
export async function alternateSizes(casesBySize, repeat) {
  const times = casesBySize.map(() => ({}));
  for (const name of Object.keys(casesBySize[0])) {
    const once = name.startsWith('once:');
    if (!once) for (const cases of casesBySize) await cases[name]();
    for (let round = 0; round < (once ? 1 : repeat); round++) {
      for (const [index, cases] of casesBySize.entries()) {
        const at = process.hrtime.bigint();
        await cases[name]();
        (times[index][name] ??= []).push(Number(process.hrtime.bigint() - at) / 1e6);
      }
    }
  }
  return times.map((byCase) => Object.fromEntries(Object.entries(byCase).map(([name, list]) => [name, list.sort((a, b) => a - b)[Math.floor(list.length / 2)]])));
}
