import { Module } from '@nestjs/common';
import { PublicProfileController } from './public-profile.controller';
import { PublicTenants } from './public-tenants.service';

@Module({ controllers: [PublicProfileController], providers: [PublicTenants], exports: [PublicTenants] })
export class PublicProfileModule {}
