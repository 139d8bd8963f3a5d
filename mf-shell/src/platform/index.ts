/**
 * `@ccap/platform` — the one module every part of the portal shares at runtime (served once by the
 * shell, a bare import everywhere else). Holds the single Apollo Client, the session, error
 * handling, navigation, file uploads with progress and the zh-CN locale.
 */
export { apolloClient, provideApollo, DefaultApolloClient, useQuery, useMutation, useLazyQuery } from './apollo';
export {
  session,
  refreshSession,
  setViewer,
  signOut,
  SESSION_EVENT,
  type Viewer,
  type SessionState,
  type SessionEvent,
} from './session';
export {
  errorCodeOf,
  messageOf,
  showError,
  NETWORK_ERROR_CODE,
  NETWORK_ERROR_MESSAGE,
  GENERIC_ERROR_MESSAGE,
} from './errors';
export { navigate, onLinkClick } from './navigation';
export { formatDateTime, formatPeriod, PORTAL_TIME_ZONE } from './format';
export { stylesheetLifecycles } from './stylesheet';
export { zhCn } from './locale';
export { uploadFile, type UploadProgress, type UploadResponse } from './upload';
export { reportClientError, CLIENT_ERRORS_ENDPOINT, type ClientErrorKind, type ClientErrorReport } from './client-errors';
