import { ADMIN, openTestEngine, type TestConnection, type TestEngine } from './engine-harness';

export const APPLICANT_ID_NUMBER = '11010519491231002X';
export const APPLICANT_PHONE = '13800138000';

/** What the fixture needs of a hub: where it listens, and one-time enrolment codes per hall. */
export interface HubForTerminals {
  url: string;
  enrolmentCode(hallId: string): Promise<string>;
}

/** A township clerk's terminal with a case, and a county expert's terminal, enrolled at one hub. */
export interface RemoteTerminals {
  township: TestEngine;
  county: TestEngine;
  /** The remote expert 王专家, signed in at the county terminal. */
  expert: TestConnection;
  caseId: number;
  department: string;
  close(): void;
}

/**
 * Two halls' terminals for the remote window: 青山镇 (its admin serves at the window and has a
 * 个体工商户设立登记 case for 张伟) and the county hall (an expert of the matter's department).
 * The halls `qingshan` and `county` must exist at the hub.
 */
export async function openRemoteTerminals(hub: HubForTerminals): Promise<RemoteTerminals> {
  const township = openTestEngine({ sync: { auto: false } });
  await township.engine.syncReady;
  await township.ok('setup.createAdmin', { hallName: '青山镇便民服务中心', ...ADMIN });
  await township.ok('sync.enrol', {
    hubUrl: hub.url,
    code: await hub.enrolmentCode('qingshan'),
    terminalName: '综合窗口 1',
  });
  const [matter] = await township.ok('matters.search', { query: 'T-GTSL' });
  const created = await township.ok('cases.create', {
    matterId: matter?.id ?? 0,
    applicant: {
      kind: 'person',
      name: '张伟',
      idNumber: APPLICANT_ID_NUMBER,
      phone: APPLICANT_PHONE,
    },
  });

  const { engine: county, expert } = await openExpertDesk(hub, {
    terminalName: '市场监管远程坐席',
    admin: 'countyadmin',
    expert: { username: 'wang', displayName: '王专家' },
  });
  return {
    township,
    county,
    expert,
    caseId: created.id,
    department: matter?.department ?? '',
    close: () => {
      township.close();
      county.close();
    },
  };
}

/** A county hall's terminal enrolled at the hub, with a remote expert signed in at it. */
export async function openExpertDesk(
  hub: HubForTerminals,
  desk: { terminalName: string; admin: string; expert: { username: string; displayName: string } },
): Promise<{ engine: TestEngine; expert: TestConnection }> {
  const engine = openTestEngine({ sync: { auto: false } });
  await engine.engine.syncReady;
  await engine.ok('setup.createAdmin', {
    hallName: '县政务服务中心',
    ...ADMIN,
    username: desk.admin,
  });
  await engine.ok('sync.enrol', {
    hubUrl: hub.url,
    code: await hub.enrolmentCode('county'),
    terminalName: desk.terminalName,
  });
  const password = 'Expert#Desk2026';
  await engine.ok('users.create', { ...desk.expert, role: 'remote_expert', password });
  const expert = engine.connect();
  await expert.ok('auth.signIn', { username: desk.expert.username, password });
  return { engine, expert };
}
