import { type DynamicModule, Global, Module } from '@nestjs/common';

/**
 * Where the API reads the current instant. The system clock in production; a fixed instant where a
 * test must mean the same thing on every calendar day (`TestApp.start(env, url, { clock })`).
 * The database's own `now()` (row timestamps, the hold sweeper's work list) stays the real time:
 * every decision about a booking is checked again against this clock.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** Always the same instant: a scenario run on any day sees the same dates and times. */
export class FixedClock extends Clock {
  constructor(private readonly instant: Date) {
    super();
  }

  now(): Date {
    return new Date(this.instant.getTime());
  }
}

@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
