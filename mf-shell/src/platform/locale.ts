import zhCnLocale from 'element-plus/es/locale/lang/zh-cn';

/** Element Plus zh-CN locale: wrap each app root in `<ElConfigProvider :locale="zhCn">`. */
export const zhCn = zhCnLocale;
