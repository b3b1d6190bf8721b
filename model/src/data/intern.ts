/**
 * One string per distinct id: parsers create a new string for every line, and a big log repeats
 * each session and item id many times, so sharing one copy keeps it small. Pure.
 */
export function createInterner(): (s: string) => string {
  const names = new Map<string, string>();
  return (s) => {
    const known = names.get(s);
    if (known !== undefined) return known;
    names.set(s, s);
    return s;
  };
}
