import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A booking can now change its service (`POST /bookings/:id/reschedule` with `serviceId`). That is
 * a change a customer's manage link must not outlive, as a new time or staff member is: the
 * version trigger counts it too. (The calendar sequence already counts a new service.)
 */
export class BumpBookingVersionOnServiceChange1796120000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION bump_booking_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.start_at IS DISTINCT FROM OLD.start_at OR NEW.staff_id IS DISTINCT FROM OLD.staff_id
             OR NEW.service_id IS DISTINCT FROM OLD.service_id
             OR (NEW.status IS DISTINCT FROM OLD.status AND NEW.status NOT IN ('held', 'pending_payment', 'confirmed')) THEN
            NEW.version := OLD.version + 1;
          END IF;
          RETURN NEW;
        END
      $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION bump_booking_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.start_at IS DISTINCT FROM OLD.start_at OR NEW.staff_id IS DISTINCT FROM OLD.staff_id
             OR (NEW.status IS DISTINCT FROM OLD.status AND NEW.status NOT IN ('held', 'pending_payment', 'confirmed')) THEN
            NEW.version := OLD.version + 1;
          END IF;
          RETURN NEW;
        END
      $$;
    `);
  }
}
