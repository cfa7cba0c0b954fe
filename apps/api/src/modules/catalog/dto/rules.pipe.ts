import { Injectable, type PipeTransform } from '@nestjs/common';
import { validationFailed } from '../../../common/errors/app-error';

/**
 * A request DTO with rules that class-validator cannot express (several fields at once,
 * nested schedules); it answers them with the pure validators of libs/.
 */
export interface HasRules {
  ruleViolations(): string[];
}

/**
 * Runs after the global ValidationPipe, so the DTO it sees is already well-typed, and
 * answers 400 `validation_failed` with every violated rule.
 */
@Injectable()
export class RulesPipe implements PipeTransform<HasRules, HasRules> {
  transform(dto: HasRules): HasRules {
    const problems = dto.ruleViolations();
    if (problems.length > 0) throw validationFailed(problems);
    return dto;
  }
}
