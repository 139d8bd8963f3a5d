export interface NavItem {
  label: string;
  href: string;
  /** Whether the item is the current page for a pathname. */
  matches(pathname: string): boolean;
}

const under = (prefix: string) => (pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/** The portal's main navigation (top bar). */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: '首页', href: '/', matches: (p) => p === '/' },
  { label: '会计人员登录', href: '/account/login', matches: (p) => under('/account/login')(p) || p === '/account' || p === '/account/' },
  { label: '注册', href: '/account/register', matches: under('/account/register') },
  { label: '会计专业技术资格考试', href: '/exam', matches: under('/exam') },
  { label: '网上缴费', href: '/payment', matches: under('/payment') },
];

/** Entry points shown as cards on the home page. */
export const ENTRY_CARDS = [
  { title: '会计人员登录', href: '/account/login', description: '使用证件号码或手机号、密码登录平台', icon: '登' },
  { title: '注册', href: '/account/register', description: '首次使用平台的会计人员请先注册账号', icon: '注' },
  { title: '会计专业技术资格考试', href: '/exam', description: '初级、中级、高级资格考试网上报名', icon: '考' },
] as const;
