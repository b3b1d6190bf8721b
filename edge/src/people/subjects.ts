/**
 * Erasure subjects: a session or a user of a site, named in the tombstone list by a SHA-256 of
 * `<site>\n<kind>\n<id>`, so the list keeps no id of an erased person in clear.
 */

/** What an erasure names. */
export type SubjectKind = 'session' | 'user';

const encoder = new TextEncoder();

/** The hex SHA-256 naming `id` of kind `kind` on site `site`. */
export async function subjectOf(site: string, kind: SubjectKind, id: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`${site}\n${kind}\n${id}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A memo of `subjectOf`: log readers see the same few sessions on many lines. */
export function subjectCache(): (site: string, kind: SubjectKind, id: string) => Promise<string> {
  const memo = new Map<string, Promise<string>>();
  return (site, kind, id) => {
    const key = `${site}\n${kind}\n${id}`;
    let hit = memo.get(key);
    if (!hit) {
      hit = subjectOf(site, kind, id);
      memo.set(key, hit);
    }
    return hit;
  };
}
