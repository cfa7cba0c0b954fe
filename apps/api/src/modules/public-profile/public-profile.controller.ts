import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/access/access.decorators';
import { PublicTenants } from './public-tenants.service';

@ApiTags('public')
@Controller('api/v1/public')
export class PublicProfileController {
  constructor(private readonly tenants: PublicTenants) {}

  /** What a booking widget needs to show a business: 404 for unknown or suspended ones. */
  @Get(':slug')
  @Public({ rateLimited: true })
  profile(@Param('slug') slug: string) {
    return this.tenants.profile(slug);
  }
}
