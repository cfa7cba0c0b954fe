import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantMember } from '../../common/access/access.decorators';
import { ParseIdPipe } from '../../common/id.pipe';
import { CustomersService } from './customers.service';
import { ListCustomersQuery, UpdateCustomerDto } from './dto/customer.dto';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/v1/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  @TenantMember()
  list(@Query() query: ListCustomersQuery) {
    return this.customers.list(query);
  }

  @Get(':id')
  @TenantMember()
  get(@Param('id', ParseIdPipe) id: string) {
    return this.customers.get(id);
  }

  /** Notes, contact details and the opted-out flag; owners and staff alike keep them current. */
  @Patch(':id')
  @TenantMember()
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateCustomerDto) {
    return this.customers.update(id, dto);
  }
}
