/**
 * 岗位 (posts): which post an officer acts at for a flow step. A department may let one post
 * stand in for another (顶岗); steps with no post are open to any handler of the department.
 * 盐城·运行 第十条: 行政权力运行必须按照依法赋予的权限 … 反映各层级岗位履行职责的情况.
 */

/** The posts an officer holds, and the department's stand-ins: post → the posts that may stand in for it. */
export interface PostHolding {
  posts: readonly string[];
  standIns?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The held post at which the officer may act for a step given to `stepPost`: that post when
 * held, else a held post that stands in for it, else null.
 */
export function postActedAt(h: PostHolding, stepPost: string): string | null {
  if (h.posts.includes(stepPost)) return stepPost;
  return (h.standIns?.[stepPost] ?? []).find((p) => h.posts.includes(p)) ?? null;
}

/** At most 20 posts of at most 50 characters each, distinct once trimmed; the problem naming the field, or null. */
export function postsProblem(posts: unknown, field = 'posts'): string | null {
  if (posts == null) return null;
  if (!Array.isArray(posts)) return `${field}: 须为岗位名称的数组 (an array of post names)`;
  if (posts.length > 20) return `${field}: 至多 20 个岗位 (at most 20 posts)`;
  for (const [i, p] of posts.entries()) {
    if (typeof p !== 'string' || !p.trim()) return `${field}[${i}]: 岗位名称不能为空 (post name required)`;
    if (p.trim().length > 50) return `${field}[${i}]: 岗位名称超过 50 个字符 (too long)`;
  }
  return null;
}

/** The distinct trimmed post names. */
export const postNames = (posts: readonly string[]): string[] => [...new Set(posts.map((p) => p.trim()))];
