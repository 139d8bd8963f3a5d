/** The portal's name: browser tab, top bar, footer. */
export const PORTAL_NAME = '全国会计人员统一服务管理平台';

export interface NavItem {
  label: string;
  href: string;
  /** The item is the current page on these pathnames… */
  exact?: readonly string[];
  /** …and on these and everything below them. Plain data: the app shell in index.html reads it too. */
  under?: readonly string[];
}

/** Whether a navigation item is the current page for a pathname. */
export function isCurrent(item: NavItem, pathname: string): boolean {
  return (
    (item.exact ?? []).includes(pathname) ||
    (item.under ?? []).some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))
  );
}

/** The portal's main navigation (top bar). */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: '首页', href: '/', exact: ['/'] },
  { label: '会计人员登录', href: '/account/login', exact: ['/account', '/account/'], under: ['/account/login'] },
  { label: '注册', href: '/account/register', under: ['/account/register'] },
  { label: '会计专业技术资格考试', href: '/exam', under: ['/exam'] },
  { label: '网上缴费', href: '/payment', under: ['/payment'] },
];

/** Entry points shown as cards on the home page. */
export const ENTRY_CARDS = [
  { title: '会计人员登录', href: '/account/login', description: '使用证件号码或手机号、密码登录平台', icon: '登' },
  { title: '注册', href: '/account/register', description: '首次使用平台的会计人员请先注册账号', icon: '注' },
  { title: '会计专业技术资格考试', href: '/exam', description: '初级、中级、高级资格考试网上报名', icon: '考' },
] as const;
