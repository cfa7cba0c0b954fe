import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { OwnerOnly, TenantMember } from '../../common/access/access.decorators';
import { ParseIdPipe } from '../../common/id.pipe';
import { CreateServiceDto, UpdateServiceDto } from './dto/service.dto';
import { ServicesService } from './services.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('api/v1/services')
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  @Get()
  @TenantMember()
  list() {
    return this.services.list();
  }

  @Post()
  @HttpCode(201)
  @OwnerOnly()
  create(@Body() dto: CreateServiceDto) {
    return this.services.create(dto);
  }

  @Patch(':id')
  @OwnerOnly()
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateServiceDto) {
    return this.services.update(id, dto);
  }

  @Delete(':id')
  @OwnerOnly()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiOkResponse({ description: 'Still referred to by other records, so deactivated instead; the inactive service' })
  async remove(@Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const deactivated = await this.services.remove(id);
    if (deactivated) return deactivated;
    void reply.status(204);
  }
}
