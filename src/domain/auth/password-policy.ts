/**
 * 密码策略: at least 10 characters from at least 3 of the 4 classes. Returns the problem or null.
 * Pure (no Node APIs): the web app's password form checks the same function before it submits.
 */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return '密码至少 10 个字符 (at least 10 characters)';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类 (3 of 4 character classes)';
  return null;
}
