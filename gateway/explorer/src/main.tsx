/**
 * 运维查询台: sign in as ops staff (username, password, TOTP code), then GraphiQL against the
 * gateway's /graphql on the same origin. The session is the HttpOnly ccap_ops_sid cookie set by
 * opsLogin; this page never sees it. Introspection (docs, completion) is answered to ops only.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { GraphiQL } from 'graphiql';
import { StrictMode, useCallback, useEffect, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';

interface OpsPrincipal {
  id: string;
  username: string;
  roles: string[];
  unitCodes: string[];
}

interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; requestId?: string } }>;
}

const ENDPOINT = '/graphql';

/** Same origin, so the cookie goes along; Apollo's CSRF prevention wants the preflight header. */
async function post<T>(body: unknown): Promise<GraphQLResponse<T>> {
  const res = await fetch(ENDPOINT, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as GraphQLResponse<T>;
}

const OPS_ME = 'query OpsMe { opsMe { id username roles unitCodes } }';
const OPS_LOGIN = `mutation OpsLogin($username: String!, $password: String!, $totp: String!) {
  opsLogin(username: $username, password: $password, totp: $totp) { ok errorCode message principal { id username roles unitCodes } }
}`;
const OPS_LOGOUT = 'mutation OpsLogout { opsLogout }';

const DEFAULT_QUERY = `# 运维查询台 —— 每次查看未脱敏的个人信息都会连同原因写入审计日志。
#
# 1. 按姓名开头查找考生(结果已脱敏):
query FindCandidates {
  searchCandidates(by: { namePrefix: "张" }, first: 20) {
    ok
    message
    nextCursor
    candidates { id maskedName documentType maskedDocumentNumber maskedPhone registeredAt }
  }
}

# 2. 查看一名考生的完整信息(仅管理员;须填写原因):
# query CandidateDetail {
#   candidateDetail(id: "<上面查到的 id>", reason: "热线来电核实身份 工单号") {
#     ok message candidate { name documentType documentNumber phone }
#   }
# }

# 3. 审计日志(仅管理员):
# query AuditTrail {
#   auditRecords(filter: { action: "PERSONAL_DATA_UNMASKED" }, first: 20) {
#     nextCursor
#     records { occurredAt actorUsername actorRole action targetType targetId reason ip details }
#   }
# }
`;

function SignInForm({ onSignedIn }: { onSignedIn: (principal: OpsPrincipal) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const { data, errors } = await post<{ opsLogin: { ok: boolean; message: string; principal: OpsPrincipal | null } }>({
        query: OPS_LOGIN,
        operationName: 'OpsLogin',
        variables: { username, password, totp },
      });
      const result = data?.opsLogin;
      if (result?.ok && result.principal) {
        setPassword('');
        onSignedIn(result.principal);
      } else {
        setMessage(result?.message ?? errors?.[0]?.message ?? '登录失败,请稍后重试');
        setTotp('');
      }
    } catch {
      setMessage('无法连接服务器,请检查网络后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="ops-signin">
      <form onSubmit={submit} aria-labelledby="ops-signin-title" autoComplete="off">
        <h1 id="ops-signin-title">运维查询台</h1>
        <p className="ops-signin-sub">全国会计人员统一服务管理平台 · 管理人员登录</p>
        <label>
          用户名
          <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required autoFocus />
        </label>
        <label>
          密码
          <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </label>
        <label>
          动态口令
          <input
            name="totp"
            value={totp}
            onChange={(e) => setTotp(e.target.value.replace(/\D/g, '').slice(0, 6))}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            placeholder="身份验证器中的6位数字"
            required
          />
        </label>
        {message && (
          <p className="ops-signin-error" role="alert">
            {message}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
      </form>
    </main>
  );
}

function Explorer({ principal, onSignedOut }: { principal: OpsPrincipal; onSignedOut: () => void }) {
  const fetcher = useCallback(
    async (params: unknown) => {
      const result = await post<unknown>(params);
      // The session ended (idle timeout, sign-out elsewhere): back to the form rather than a wall of errors.
      if (result.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED' || e.message === '不允许查询接口结构')) {
        const me = await post<{ opsMe: OpsPrincipal | null }>({ query: OPS_ME, operationName: 'OpsMe' });
        if (!me.data?.opsMe) onSignedOut();
      }
      return result;
    },
    [onSignedOut],
  );

  const signOut = async () => {
    await post({ query: OPS_LOGOUT, operationName: 'OpsLogout' }).catch(() => undefined);
    onSignedOut();
  };

  return (
    <div className="ops-explorer">
      <header className="ops-bar">
        <span className="ops-bar-title">运维查询台</span>
        <span className="ops-bar-user">
          {principal.username}({principal.roles.join('、')}
          {principal.unitCodes.length > 0 ? ` · ${principal.unitCodes.join('、')}` : ''})
        </span>
        <button type="button" onClick={signOut}>
          退出登录
        </button>
      </header>
      <div className="ops-graphiql">
        {/* sessionStorage: queries and variables can hold personal data; nothing outlives the browser session. */}
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} storage={window.sessionStorage} isHeadersEditorEnabled={false} />
      </div>
    </div>
  );
}

function App() {
  const [principal, setPrincipal] = useState<OpsPrincipal | null | undefined>(undefined);

  useEffect(() => {
    post<{ opsMe: OpsPrincipal | null }>({ query: OPS_ME, operationName: 'OpsMe' })
      .then((res) => setPrincipal(res.data?.opsMe ?? null))
      .catch(() => setPrincipal(null));
  }, []);

  const signedOut = useCallback(() => {
    window.sessionStorage.clear();
    setPrincipal(null);
  }, []);

  if (principal === undefined) return <p className="ops-loading">正在加载…</p>;
  if (principal === null) return <SignInForm onSignedIn={setPrincipal} />;
  return <Explorer principal={principal} onSignedOut={signedOut} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
