import type { WeeklyHours } from '@frontdesk/contracts';
import type { EntityManager } from 'typeorm';
import type { PasswordHashCost } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { UserEntity } from '../auth/entities/user.entity';
import { hashPassword } from '../auth/passwords';
import { ServiceEntity } from '../catalog/entities/service.entity';
import { StaffEntity } from '../catalog/entities/staff.entity';
import { TenantEntity } from '../tenants/entities/tenant.entity';
import { planDemoHistory } from './demo-history';
import { insertDemoHistory } from './demo-history-insert';

export const DEMO = {
  slug: 'demo',
  name: 'Demo Barbershop',
  ownerEmail: 'owner@demo.frontdesk.local',
  ownerPassword: 'demo-owner-password',
  ownerName: 'Alex Rivera',
} as const;

const DEMO_HOURS: WeeklyHours = {
  mon: [],
  tue: [
    { start: '09:00', end: '12:30' },
    { start: '13:30', end: '19:00' },
  ],
  wed: [
    { start: '09:00', end: '12:30' },
    { start: '13:30', end: '19:00' },
  ],
  thu: [
    { start: '09:00', end: '12:30' },
    { start: '13:30', end: '19:00' },
  ],
  fri: [
    { start: '09:00', end: '12:30' },
    { start: '13:30', end: '19:00' },
  ],
  sat: [{ start: '09:00', end: '16:00' }],
  sun: [],
};

const DEMO_SERVICES = [
  {
    name: 'Haircut',
    durationMinutes: 30,
    priceCents: 3000,
    bufferAfterMinutes: 5,
    aliases: ['cut', 'hair cut', 'trim', 'corte', 'corte de pelo'],
  },
  { name: 'Beard Trim', durationMinutes: 20, priceCents: 1800, bufferAfterMinutes: 5, aliases: ['beard', 'barba'] },
  { name: 'Hot Towel Shave', durationMinutes: 30, priceCents: 3500, bufferAfterMinutes: 5, aliases: ['shave', 'afeitado'] },
  {
    name: 'Haircut & Beard',
    durationMinutes: 50,
    priceCents: 4500,
    bufferAfterMinutes: 10,
    aliases: ['combo', 'cut and beard', 'corte y barba'],
  },
];

/**
 * The demo barbershop, created once when absent (DEMO_SEED), on the owner's connection (see
 * `ensureSuperAdmin`), with a few months of history (`demo-history.ts`, unless DEMO_HISTORY is false) in the same
 * transaction.
 */
export async function seedDemo(
  owner: EntityManager,
  passwordHashCost: PasswordHashCost,
  options: { history: boolean },
): Promise<typeof DEMO & { created: boolean }> {
  const passwordHash = await hashPassword(DEMO.ownerPassword, passwordHashCost);
  const created = await owner.transaction(async (m) => {
    await m.query(`select pg_advisory_xact_lock(hashtext('frontdesk.demo-seed'))`);
    if (await m.findOne(TenantEntity, { where: { slug: DEMO.slug } })) return false;
    const tenant = await m.save(
      m.create(TenantEntity, {
        slug: DEMO.slug,
        name: DEMO.name,
        timezone: 'America/New_York',
        currency: 'usd',
        country: 'US',
        locale: 'en',
        status: 'active',
        businessHours: DEMO_HOURS,
      }),
    );
    await m.save(
      m.create(UserEntity, { tenantId: tenant.id, email: DEMO.ownerEmail, name: DEMO.ownerName, role: 'owner', passwordHash }),
    );
    const services: ServiceEntity[] = [];
    for (const service of DEMO_SERVICES) {
      services.push(
        await m.save(m.create(ServiceEntity, { tenantId: tenant.id, bufferBeforeMinutes: 0, active: true, ...service })),
      );
    }
    const staffIds: string[] = [];
    for (const name of [DEMO.ownerName, 'Jordan Lee']) {
      const staff = await m.save(
        m.create(StaffEntity, { tenantId: tenant.id, name, performsAllServices: true, hours: null, active: true }),
      );
      staffIds.push(staff.id);
    }
    const catalog = { timezone: tenant.timezone, hours: DEMO_HOURS, services, staffIds };
    if (options.history) await insertDemoHistory(m, tenant.id, planDemoHistory(catalog, new Date()));
    await new AuditService().record(m, {
      tenantId: tenant.id,
      action: 'tenant.seed_demo',
      entity: 'tenant',
      entityId: tenant.id,
      after: { slug: DEMO.slug },
    });
    return true;
  });
  return { ...DEMO, created };
}
