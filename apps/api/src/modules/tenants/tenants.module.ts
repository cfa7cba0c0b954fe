import { Module } from '@nestjs/common';
import { OwnTenantController } from './own-tenant.controller';
import { TenantsController } from './tenants.controller';
import { TenantsService } from './tenants.service';

@Module({ controllers: [TenantsController, OwnTenantController], providers: [TenantsService], exports: [TenantsService] })
export class TenantsModule {}
