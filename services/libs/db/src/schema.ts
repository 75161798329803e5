import { AuditEventEntity } from './entities/audit-event.entity';
import { RefreshSessionEntity } from './entities/refresh-session.entity';
import { UserEntity } from './entities/user.entity';
import { ProjectEntity, ProjectMemberEntity } from './entities/project.entity';
import { ClipEntity, MarkerEntity, TakeGroupEntity, TrackEntity } from './entities/timeline.entity';
import { AudioFileEntity } from './entities/audio-file.entity';
import { ApiKeyEntity } from './entities/api-key.entity';
import { BillingAccountEntity } from './entities/billing-account.entity';
import { StripeEventEntity } from './entities/stripe-event.entity';
import { UsageCounterEntity } from './entities/usage-counter.entity';
import { GenerationJobEntity } from './entities/generation-job.entity';
import { AiUsageEntity } from './entities/ai-usage.entity';
import { CreateUsersAndRefreshSessions1763900000000 } from './migrations/1763900000000-create-users-and-refresh-sessions';
import { CreateAuditEvents1763990000000 } from './migrations/1763990000000-create-audit-events';
import { CreateProjects1764000000000 } from './migrations/1764000000000-create-projects';
import { CreateApiKeys1764000100000 } from './migrations/1764000100000-create-api-keys';
import { CreateBilling1764000200000 } from './migrations/1764000200000-create-billing';
import { CreateGenerationJobs1764000300000 } from './migrations/1764000300000-create-generation-jobs';
import { CreateAiUsage1764000400000 } from './migrations/1764000400000-create-ai-usage';
import { CreateUsageRefunds1764000500000 } from './migrations/1764000500000-create-usage-refunds';
import { CreateConversations1764000600000 } from './migrations/1764000600000-create-conversations';
import { ChatMessageEntity, ConversationEntity } from './entities/conversation.entity';
import { SshKeyEntity } from './entities/ssh-key.entity';
import { GatewayAdminActionEntity, GatewayApprovalEntity, GatewayCommandEntity, GatewayPrincipalLockEntity, GatewaySessionEntity, GatewayUserUidEntity } from './entities/gateway.entity';
import { CreateSshKeys1764000700000 } from './migrations/1764000700000-create-ssh-keys';
import { CreateGateway1764000800000 } from './migrations/1764000800000-create-gateway';

/** Every entity, for the data source. Later work appends here. */
export const ENTITIES = [UserEntity, RefreshSessionEntity, AuditEventEntity, ProjectEntity, ProjectMemberEntity, TrackEntity, ClipEntity, MarkerEntity, TakeGroupEntity, AudioFileEntity, ApiKeyEntity, BillingAccountEntity, StripeEventEntity, UsageCounterEntity, GenerationJobEntity, AiUsageEntity, ConversationEntity, ChatMessageEntity, SshKeyEntity, GatewaySessionEntity, GatewayApprovalEntity, GatewayCommandEntity, GatewayPrincipalLockEntity, GatewayAdminActionEntity, GatewayUserUidEntity];

/** Every migration, oldest first. Migrations are expand/contract: never break the running version. */
export const MIGRATIONS = [CreateUsersAndRefreshSessions1763900000000, CreateAuditEvents1763990000000, CreateProjects1764000000000, CreateApiKeys1764000100000, CreateBilling1764000200000, CreateGenerationJobs1764000300000, CreateAiUsage1764000400000, CreateUsageRefunds1764000500000, CreateConversations1764000600000, CreateSshKeys1764000700000, CreateGateway1764000800000];
