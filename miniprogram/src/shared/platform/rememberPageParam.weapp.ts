/** WeChat: a page is never reopened from its URL by a refresh, so there is nothing to remember. */
export function rememberPageParam(_name: string, _value: string): void {}
