import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { OwnerOnly, TenantMember } from '../../common/access/access.decorators';
import { ParseIdPipe } from '../../common/id.pipe';
import { RulesPipe } from './dto/rules.pipe';
import { CreateStaffDto, UpdateStaffDto } from './dto/staff.dto';
import { StaffService } from './staff.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('api/v1/staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @TenantMember()
  list() {
    return this.staff.list();
  }

  @Post()
  @HttpCode(201)
  @OwnerOnly()
  create(@Body(RulesPipe) dto: CreateStaffDto) {
    return this.staff.create(dto);
  }

  @Patch(':id')
  @OwnerOnly()
  update(@Param('id', ParseIdPipe) id: string, @Body(RulesPipe) dto: UpdateStaffDto) {
    return this.staff.update(id, dto);
  }

  @Delete(':id')
  @OwnerOnly()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiOkResponse({ description: 'Still referred to by other records, so deactivated instead; the inactive staff member' })
  async remove(@Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const deactivated = await this.staff.remove(id);
    if (deactivated) return deactivated;
    void reply.status(204);
  }
}
