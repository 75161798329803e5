/**
 * GENERATED from the api's OpenAPI document (/api/v1/docs.json) by
 * web/scripts/generate-api-types.mjs. Do not edit: regenerate with
 * `UPDATE_GOLDEN=1 npx jest tests/web/api-types` (or the script against a running api).
 */
export interface paths {
    "/api/v1/ai/usage/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** LLM cost by provider per UTC day (admin) */
        get: operations["AiUsage_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List my API keys (never their secrets) */
        get: operations["ApiKeys_list"];
        put?: never;
        /** Create an API key (the secret is shown only in this answer) */
        post: operations["ApiKeys_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["ApiKeys_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My audio library, or a project’s audio */
        get: operations["Audio_list"];
        put?: never;
        /**
         * Upload an audio file (multipart/form-data, part "file"; optional field "projectId")
         * @description The type is decided from the bytes (WAV, MP3, FLAC, Ogg, WebM), never the name. Duration, sample rate, channels and waveform peaks are extracted.
         */
        post: operations["Audio_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audio/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An audio file’s metadata */
        get: operations["Audio_get"];
        put?: never;
        post?: never;
        /** Delete a file and its stored bytes (refused while a clip uses it) */
        delete: operations["Audio_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audio/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check and analyse a file uploaded through its presigned URL (refused files are deleted) */
        post: operations["Audio_complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audio/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stream the file; honours a single HTTP Range (206, Content-Range) */
        get: operations["Audio_content"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audio/{id}/download-url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A presigned URL to download the file from storage (15 minutes) */
        get: operations["Audio_downloadUrl"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audio/{id}/peaks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Waveform peaks for drawing */
        get: operations["Audio_peaks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audio/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get a presigned URL to upload a file straight to storage; then POST /audio/:id/complete */
        post: operations["Audio_createUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password */
        post: operations["Auth_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the login a refresh token belongs to */
        post: operations["Auth_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for a new pair (a reused token revokes the login) */
        post: operations["Auth_refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account and sign in */
        post: operations["Auth_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's plan, subscription status, and each entitlement's limit and use */
        get: operations["Billing_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/ai-messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Count one AI assistant message against the caller's plan (the assistant calls it with the user's authority); 402 once the month's messages are used */
        post: operations["Billing_aiMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a Stripe checkout for a paid plan; answers the URL to send the browser to */
        post: operations["Billing_checkout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/portal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open Stripe's customer portal (change plan, payment method, invoices); answers its URL */
        post: operations["Billing_portal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stripe webhook: applies subscription and invoice events, each at most once */
        post: operations["Billing_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chat/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s conversations, most recent first */
        get: operations["Chat_list"];
        put?: never;
        /** Start a conversation with the assistant, optionally about a project */
        post: operations["Chat_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chat/conversations/{conversationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A conversation with its messages (tool calls and their results included) */
        get: operations["Chat_detail"];
        put?: never;
        post?: never;
        /** Delete a conversation and its messages */
        delete: operations["Chat_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chat/conversations/{conversationId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a message and wait for the whole turn (tool calls run as the caller); Socket.IO /ai-brain streams the same turn as it happens */
        post: operations["Chat_send"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Swagger UI over this API */
        get: operations["Docs_page"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/docs.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The OpenAPI 3.1 document of this API */
        get: operations["DocsJson_json"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/docs/assets/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Static files of the Swagger UI page */
        get: operations["Docs_asset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/execute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run an ops action on the service that owns it (admins, or API keys with ops:execute); GET actions are retried, and each target has a circuit breaker */
        post: operations["Execute_execute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateway/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Approval requests for privileged commands, newest first (admin) */
        get: operations["GatewayAdmin_approvals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateway/approvals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One approval request (admin) */
        get: operations["GatewayAdmin_approval"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateway/approvals/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a pending privileged command: it runs once, in the session and with the argv it was requested for; never your own (admin) */
        post: operations["GatewayAdmin_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateway/approvals/{id}/deny": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deny a pending privileged command; the client is told (admin) */
        post: operations["GatewayAdmin_deny"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateway/commands": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The command audit: every line sent over SSH with its decision, rule and result, newest first (admin) */
        get: operations["GatewayAdmin_commands"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateway/locks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users locked out of the gateway (admin) */
        get: operations["GatewayAdmin_locks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateway/locks/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Lock a user (and their agents) out of the gateway: no new session, and live ones end within seconds (admin) */
        put: operations["GatewayAdmin_lock"];
        post?: never;
        /** Unlock a user (admin) */
        delete: operations["GatewayAdmin_unlock"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateway/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live SSH sessions on every gateway replica (admin) */
        get: operations["GatewayAdmin_sessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateway/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End a live SSH session, and every process it started, on whichever replica holds it (admin) */
        delete: operations["GatewayAdmin_kill"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateway/sessions/{id}/transcript": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A presigned link to a finished session's asciicast v2 transcript (admin) */
        get: operations["GatewayAdmin_transcript"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generate/{jobId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a generation job: a queued one is removed at once, a running one stops at its worker’s next check */
        post: operations["GenerationJobs_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generate/{jobId}/files/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A presigned URL to download one file of a finished job (15 minutes) */
        get: operations["GenerationJobs_file"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generate/arrangement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate a full arrangement (intro, verses, choruses, outro): MIDI and WAV
         * @description Counts the render’s length in generation minutes against the plan (402 when over), queues it and answers at once; poll GET /generate/status/{jobId} or listen for generation:progress. With an Idempotency-Key header, a retry of the same request (e.g. after a dropped connection) answers the job the first one queued, charged once.
         */
        post: operations["GenerationJobs_arrangement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generate/automix": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Auto-mix a project’s own audio tracks: per-track gain staged by loudness and pan spread, suggested for the client to apply, with a mastered preview WAV
         * @description Counts the render’s length in generation minutes against the plan (402 when over), queues it and answers at once; poll GET /generate/status/{jobId} or listen for generation:progress. With an Idempotency-Key header, a retry of the same request (e.g. after a dropped connection) answers the job the first one queued, charged once.
         */
        post: operations["GenerationJobs_automix"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generate/beat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate a beat (drums, bass, chords): MIDI and WAV
         * @description Counts the render’s length in generation minutes against the plan (402 when over), queues it and answers at once; poll GET /generate/status/{jobId} or listen for generation:progress. With an Idempotency-Key header, a retry of the same request (e.g. after a dropped connection) answers the job the first one queued, charged once.
         */
        post: operations["GenerationJobs_beat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generate/chords": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate a chord progression: MIDI and WAV
         * @description Counts the render’s length in generation minutes against the plan (402 when over), queues it and answers at once; poll GET /generate/status/{jobId} or listen for generation:progress. With an Idempotency-Key header, a retry of the same request (e.g. after a dropped connection) answers the job the first one queued, charged once.
         */
        post: operations["GenerationJobs_chords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generate/lyrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Write lyrics (verses, chorus with the title hook, bridge) for a mood and genre: text and JSON
         * @description Counts the render’s length in generation minutes against the plan (402 when over), queues it and answers at once; poll GET /generate/status/{jobId} or listen for generation:progress. With an Idempotency-Key header, a retry of the same request (e.g. after a dropped connection) answers the job the first one queued, charged once.
         */
        post: operations["GenerationJobs_lyrics"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generate/master": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mix and master an earlier job to a loudness target and true-peak ceiling
         * @description Counts the render’s length in generation minutes against the plan (402 when over), queues it and answers at once; poll GET /generate/status/{jobId} or listen for generation:progress. With an Idempotency-Key header, a retry of the same request (e.g. after a dropped connection) answers the job the first one queued, charged once.
         */
        post: operations["GenerationJobs_master"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generate/melody": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate a melody: MIDI and WAV
         * @description Counts the render’s length in generation minutes against the plan (402 when over), queues it and answers at once; poll GET /generate/status/{jobId} or listen for generation:progress. With an Idempotency-Key header, a retry of the same request (e.g. after a dropped connection) answers the job the first one queued, charged once.
         */
        post: operations["GenerationJobs_melody"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generate/mix": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mix the stems of an earlier job with per-stem gains
         * @description Counts the render’s length in generation minutes against the plan (402 when over), queues it and answers at once; poll GET /generate/status/{jobId} or listen for generation:progress. With an Idempotency-Key header, a retry of the same request (e.g. after a dropped connection) answers the job the first one queued, charged once.
         */
        post: operations["GenerationJobs_mix"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generate/status/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A generation job’s state, stage, percent and, once done, its files */
        get: operations["GenerationJobs_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generate/stems": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Render one WAV per track of an earlier beat, melody, chords or arrangement job
         * @description Counts the render’s length in generation minutes against the plan (402 when over), queues it and answers at once; poll GET /generate/status/{jobId} or listen for generation:progress. With an Idempotency-Key header, a retry of the same request (e.g. after a dropped connection) answers the job the first one queued, charged once.
         */
        post: operations["GenerationJobs_stems"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/generation/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Generation jobs by status (admin) */
        get: operations["GenerationStats_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in account */
        get: operations["Me_me"];
        /** Change the display name (optimistic concurrency on version) */
        put: operations["Me_update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ops/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the audit log, newest first: by action (exact, or a prefix such as auth.*), actor (id or email), text in the target and details, and time (admin) */
        get: operations["Ops_audit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ops/generation/failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Generation jobs that failed for good, newest first, with their last error (admin) */
        get: operations["GenerationDeadLetters_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ops/generation/failed/{jobId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a failed generation job again with fresh attempts (admin; audited; the owner is not charged again) */
        post: operations["GenerationDeadLetters_retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ops/generation/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent generation jobs of every state (or of one, by `status`), newest first, with owner, progress and last error (admin) */
        get: operations["GenerationRecentJobs_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ops/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health of every service, with latency and 24 h uptime (admin); a service that is down is reported, not an error */
        get: operations["Ops_healthReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ops/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users, projects, generation jobs and AI cost (admin); parts whose service is down are listed in `missing` */
        get: operations["Ops_platformMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List my projects and those shared with me (paged, sorted, filtered by name) */
        get: operations["Projects_list"];
        put?: never;
        /** Create a project */
        post: operations["Projects_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project */
        get: operations["Projects_get"];
        put?: never;
        post?: never;
        /** Delete a project and everything on its timeline (owner only) */
        delete: operations["Projects_remove"];
        options?: never;
        head?: never;
        /** Change a project (send the version you read) */
        patch: operations["Projects_update"];
        trace?: never;
    };
    "/api/v1/projects/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The whole project as one JSON document */
        get: operations["Projects_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/clips": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project’s clips, optionally of one track */
        get: operations["Clips_list"];
        put?: never;
        /** Place a clip (audio file or MIDI notes) on a track */
        post: operations["Clips_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/clips/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a clip */
        delete: operations["Clips_remove"];
        options?: never;
        head?: never;
        /** Move, trim, fade or re-gain a clip */
        patch: operations["Clips_update"];
        trace?: never;
    };
    "/api/v1/projects/{projectId}/collaborators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who works on this project, owner first */
        get: operations["Collaborators_list"];
        put?: never;
        /** Invite an account as editor or viewer (owner only) */
        post: operations["Collaborators_add"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/collaborators/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a collaborator (the owner), or leave the project (yourself) */
        delete: operations["Collaborators_remove"];
        options?: never;
        head?: never;
        /** Change a collaborator’s role (owner only) */
        patch: operations["Collaborators_update"];
        trace?: never;
    };
    "/api/v1/projects/{projectId}/markers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Section markers in time order */
        get: operations["Markers_list"];
        put?: never;
        /** Add a section marker (verse, chorus, bridge, ...) */
        post: operations["Markers_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/markers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a marker */
        delete: operations["Markers_remove"];
        options?: never;
        head?: never;
        /** Rename or move a marker */
        patch: operations["Markers_update"];
        trace?: never;
    };
    "/api/v1/projects/{projectId}/takes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Take groups (recorded regions) with their takes */
        get: operations["Takes_list"];
        put?: never;
        /** Start a take group for a region of a track; clips created with its id become takes */
        post: operations["Takes_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/takes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a take group and its takes */
        delete: operations["Takes_remove"];
        options?: never;
        head?: never;
        /** Choose the active take, or rename the group */
        patch: operations["Takes_update"];
        trace?: never;
    };
    "/api/v1/projects/{projectId}/tracks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project’s tracks in order */
        get: operations["Tracks_list"];
        put?: never;
        /** Add a track (appended unless `order` is given) */
        post: operations["Tracks_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/tracks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a track and its clips */
        delete: operations["Tracks_remove"];
        options?: never;
        head?: never;
        /** Change a track: name, volume, pan, mute, solo, order, colour */
        patch: operations["Tracks_update"];
        trace?: never;
    };
    "/api/v1/ssh-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List my SSH keys */
        get: operations["SshKeys_list"];
        put?: never;
        /** Register an SSH public key for the gateway, for yourself or one of your AI agents, with its gateway scopes */
        post: operations["SshKeys_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ssh-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an SSH key (its gateway sessions end within seconds) */
        delete: operations["SshKeys_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/storage/objects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download an object, or a byte range of it, through a presigned URL (fs storage driver)
         * @description Honours a single Range (bytes=a-b, a-, -n): 206 with Content-Range, 416 when no byte of it exists.
         */
        get: operations["StorageObjects_download"];
        /** Upload an object through a presigned URL (fs storage driver) */
        put: operations["StorageObjects_upload"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/voice/analyze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Judge a stored recording like a live take: pitch track, onsets against the tempo, vibrato, scores and feedback */
        post: operations["Voice_analyze"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process serves HTTP */
        get: operations["Health_health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics of this process */
        get: operations["Metrics_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: every dependency answers (503 while one is down or while draining) */
        get: operations["Health_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ErrorBody: {
            error: {
                code: string;
                details?: unknown;
                message: string;
                requestId: string;
            };
        };
    };
    responses: {
        /** @description 400 BAD_REQUEST: The request cannot be processed as sent. */
        BAD_REQUEST: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "BAD_REQUEST",
                 *         "message": "The request cannot be processed as sent.",
                 *         "requestId": "req-1"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description 409 CONFLICT: The object changed since you read it (details.currentVersion), or the state forbids this. */
        CONFLICT: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "CONFLICT",
                 *         "message": "The object changed since you read it (details.currentVersion), or the state forbids this.",
                 *         "requestId": "req-1"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description 403 FORBIDDEN: Authenticated, but not allowed (role or scope); details say which. */
        FORBIDDEN: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "FORBIDDEN",
                 *         "message": "Authenticated, but not allowed (role or scope); details say which.",
                 *         "requestId": "req-1"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description 500 INTERNAL: An unexpected error; the request id identifies it in logs. */
        INTERNAL: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "INTERNAL",
                 *         "message": "An unexpected error; the request id identifies it in logs.",
                 *         "requestId": "req-1"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description 400 INVALID_JSON: The body is not valid JSON. */
        INVALID_JSON: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "INVALID_JSON",
                 *         "message": "The body is not valid JSON.",
                 *         "requestId": "req-1"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description 404 NOT_FOUND: No such object, or not yours. */
        NOT_FOUND: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "NOT_FOUND",
                 *         "message": "No such object, or not yours.",
                 *         "requestId": "req-1"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description 413 PAYLOAD_TOO_LARGE: The body is over the limit (details.maxBytes). */
        PAYLOAD_TOO_LARGE: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "PAYLOAD_TOO_LARGE",
                 *         "message": "The body is over the limit (details.maxBytes).",
                 *         "requestId": "req-1"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description 402 PAYMENT_REQUIRED: A plan limit is reached; details.entitlement names it. */
        PAYMENT_REQUIRED: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "PAYMENT_REQUIRED",
                 *         "message": "A plan limit is reached; details.entitlement names it.",
                 *         "requestId": "req-1"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description 416 RANGE_NOT_SATISFIABLE: No byte of the requested range exists. */
        RANGE_NOT_SATISFIABLE: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "RANGE_NOT_SATISFIABLE",
                 *         "message": "No byte of the requested range exists.",
                 *         "requestId": "req-1"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description 429 RATE_LIMITED: Too many requests; retry after the Retry-After seconds. */
        RATE_LIMITED: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "RATE_LIMITED",
                 *         "message": "Too many requests; retry after the Retry-After seconds.",
                 *         "requestId": "req-1"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description 503 SERVICE_UNAVAILABLE: A dependency is unavailable; retry later. */
        SERVICE_UNAVAILABLE: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "SERVICE_UNAVAILABLE",
                 *         "message": "A dependency is unavailable; retry later.",
                 *         "requestId": "req-1"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description 401 UNAUTHENTICATED: No valid bearer token or API key. */
        UNAUTHENTICATED: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "UNAUTHENTICATED",
                 *         "message": "No valid bearer token or API key.",
                 *         "requestId": "req-1"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description 415 UNSUPPORTED_MEDIA_TYPE: The content is not of an accepted type. */
        UNSUPPORTED_MEDIA_TYPE: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "UNSUPPORTED_MEDIA_TYPE",
                 *         "message": "The content is not of an accepted type.",
                 *         "requestId": "req-1"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description 400 VALIDATION_FAILED: A field is missing, malformed or unknown; details.issues names each. */
        VALIDATION_FAILED: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "VALIDATION_FAILED",
                 *         "message": "A field is missing, malformed or unknown; details.issues names each.",
                 *         "requestId": "req-1"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AiUsage_stats: {
        parameters: {
            query?: {
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description LLM cost by provider per UTC day (admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        costByProviderPerDay: {
                            calls: number;
                            costUsd: number;
                            day: string;
                            inputTokens: number;
                            outputTokens: number;
                            provider: string;
                        }[];
                        days: number;
                        from: string;
                        totalCostUsd: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    ApiKeys_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List my API keys (never their secrets) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            createdAt: string;
                            expiresAt: string | null;
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            prefix: string;
                            revokedAt: string | null;
                            scopes: string[];
                        }[];
                    };
                };
            };
            401: components["responses"]["UNAUTHENTICATED"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    ApiKeys_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    expiresInDays?: number;
                    name: string;
                    scopes: ("projects:read" | "projects:write" | "audio:read" | "audio:write" | "generation:write" | "ai:chat" | "ops:read" | "ops:execute")[];
                };
            };
        };
        responses: {
            /** @description Create an API key (the secret is shown only in this answer) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        apiKey: {
                            createdAt: string;
                            expiresAt: string | null;
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            prefix: string;
                            revokedAt: string | null;
                            scopes: string[];
                        };
                        secret: string;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    ApiKeys_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoke an API key */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Audio_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                projectId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description My audio library, or a project’s audio */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            channels: number | null;
                            codec: string | null;
                            createdAt: string;
                            durationSeconds: number | null;
                            fileName: string;
                            format: ("wav" | "mp3" | "flac" | "ogg" | "webm") | null;
                            hasPeaks: boolean;
                            id: string;
                            mimeType: string | null;
                            ownerId: string;
                            projectId: string | null;
                            sampleRate: number | null;
                            sizeBytes: number;
                            /** @enum {string} */
                            status: "pending" | "ready";
                        }[];
                        page: number;
                        pageSize: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Audio_upload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A part named "file" with the audio; optionally a text field "projectId". */
        requestBody: {
            content: {
                "multipart/form-data": unknown;
            };
        };
        responses: {
            /** @description Upload an audio file (multipart/form-data, part "file"; optional field "projectId") */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channels: number | null;
                        codec: string | null;
                        createdAt: string;
                        durationSeconds: number | null;
                        fileName: string;
                        format: ("wav" | "mp3" | "flac" | "ogg" | "webm") | null;
                        hasPeaks: boolean;
                        id: string;
                        mimeType: string | null;
                        ownerId: string;
                        projectId: string | null;
                        sampleRate: number | null;
                        sizeBytes: number;
                        /** @enum {string} */
                        status: "pending" | "ready";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            413: components["responses"]["PAYLOAD_TOO_LARGE"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Audio_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An audio file’s metadata */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channels: number | null;
                        codec: string | null;
                        createdAt: string;
                        durationSeconds: number | null;
                        fileName: string;
                        format: ("wav" | "mp3" | "flac" | "ogg" | "webm") | null;
                        hasPeaks: boolean;
                        id: string;
                        mimeType: string | null;
                        ownerId: string;
                        projectId: string | null;
                        sampleRate: number | null;
                        sizeBytes: number;
                        /** @enum {string} */
                        status: "pending" | "ready";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Audio_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a file and its stored bytes (refused while a clip uses it) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Audio_complete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Check and analyse a file uploaded through its presigned URL (refused files are deleted) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channels: number | null;
                        codec: string | null;
                        createdAt: string;
                        durationSeconds: number | null;
                        fileName: string;
                        format: ("wav" | "mp3" | "flac" | "ogg" | "webm") | null;
                        hasPeaks: boolean;
                        id: string;
                        mimeType: string | null;
                        ownerId: string;
                        projectId: string | null;
                        sampleRate: number | null;
                        sizeBytes: number;
                        /** @enum {string} */
                        status: "pending" | "ready";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["PAYLOAD_TOO_LARGE"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Audio_content: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stream the file; honours a single HTTP Range (206, Content-Range) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "audio/*": string;
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            416: components["responses"]["RANGE_NOT_SATISFIABLE"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Audio_downloadUrl: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A presigned URL to download the file from storage (15 minutes) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        expiresAt: string;
                        headers: {
                            [key: string]: string;
                        };
                        /** @enum {string} */
                        method: "GET" | "PUT";
                        url: string;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Audio_peaks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Waveform peaks for drawing */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bits: number;
                        channels: number;
                        data: number[];
                        length: number;
                        sampleRate: number;
                        samplesPerPeak: number;
                        version: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Audio_createUpload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default application/octet-stream */
                    contentType?: string;
                    fileName: string;
                    /** Format: uuid */
                    projectId?: string;
                    sizeBytes: number;
                };
            };
        };
        responses: {
            /** @description Get a presigned URL to upload a file straight to storage; then POST /audio/:id/complete */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        audioFile: {
                            channels: number | null;
                            codec: string | null;
                            createdAt: string;
                            durationSeconds: number | null;
                            fileName: string;
                            format: ("wav" | "mp3" | "flac" | "ogg" | "webm") | null;
                            hasPeaks: boolean;
                            id: string;
                            mimeType: string | null;
                            ownerId: string;
                            projectId: string | null;
                            sampleRate: number | null;
                            sizeBytes: number;
                            /** @enum {string} */
                            status: "pending" | "ready";
                        };
                        upload: {
                            expiresAt: string;
                            headers: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            method: "GET" | "PUT";
                            url: string;
                        };
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            413: components["responses"]["PAYLOAD_TOO_LARGE"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Auth_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Sign in with email and password */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tokens: {
                            accessToken: string;
                            expiresIn: number;
                            refreshToken: string;
                            /** @constant */
                            tokenType: "Bearer";
                        };
                        user: {
                            createdAt: string;
                            displayName: string;
                            email: string;
                            id: string;
                            roles: string[];
                            version: number;
                        };
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Auth_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description End the login a refresh token belongs to */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["VALIDATION_FAILED"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Auth_refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description Exchange a refresh token for a new pair (a reused token revokes the login) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accessToken: string;
                        expiresIn: number;
                        refreshToken: string;
                        /** @constant */
                        tokenType: "Bearer";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Auth_register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName: string;
                    /** Format: email */
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Create an account and sign in */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tokens: {
                            accessToken: string;
                            expiresIn: number;
                            refreshToken: string;
                            /** @constant */
                            tokenType: "Bearer";
                        };
                        user: {
                            createdAt: string;
                            displayName: string;
                            email: string;
                            id: string;
                            roles: string[];
                            version: number;
                        };
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Billing_summary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's plan, subscription status, and each entitlement's limit and use */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        billingEnabled: boolean;
                        currentPeriodEnd: string | null;
                        entitlements: {
                            aiMessagesPerMonth: {
                                limit: number;
                                used: number;
                            };
                            generationMinutesPerMonth: {
                                limit: number;
                                used: number;
                            };
                            maxProjects: {
                                limit: number;
                                used: number;
                            };
                            storageBytes: {
                                limit: number;
                                used: number;
                            };
                        };
                        paidPlans: {
                            entitlements: {
                                aiMessagesPerMonth: number;
                                generationMinutesPerMonth: number;
                                maxProjects: number;
                                storageBytes: number;
                            };
                            /** @enum {string} */
                            plan: "pro" | "studio";
                        }[];
                        paymentFailedAt: string | null;
                        /** @enum {string} */
                        plan: "local" | "free" | "pro" | "studio";
                        status: string | null;
                        usagePeriod: string;
                    };
                };
            };
            401: components["responses"]["UNAUTHENTICATED"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Billing_aiMessage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Count one AI assistant message against the caller's plan (the assistant calls it with the user's authority); 402 once the month's messages are used */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        limit: number;
                        used: number;
                    };
                };
            };
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Billing_checkout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    plan: "pro" | "studio";
                };
            };
        };
        responses: {
            /** @description Start a Stripe checkout for a paid plan; answers the URL to send the browser to */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uri */
                        url: string;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    Billing_portal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Open Stripe's customer portal (change plan, payment method, invoices); answers its URL */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uri */
                        url: string;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    Billing_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A Stripe event, signed in the Stripe-Signature header */
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Stripe webhook: applies subscription and invoice events, each at most once */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        duplicate: boolean;
                        /** @constant */
                        received: true;
                    };
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Chat_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                projectId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller’s conversations, most recent first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            createdAt: string;
                            id: string;
                            /** @enum {string} */
                            persona: "daw" | "operator";
                            projectId: string | null;
                            title: string;
                            updatedAt: string;
                        }[];
                        page: number;
                        pageSize: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Chat_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @default daw
                     * @enum {string}
                     */
                    persona?: "daw" | "operator";
                    /** Format: uuid */
                    projectId?: string;
                    title?: string;
                };
            };
        };
        responses: {
            /** @description Start a conversation with the assistant, optionally about a project */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        id: string;
                        /** @enum {string} */
                        persona: "daw" | "operator";
                        projectId: string | null;
                        title: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Chat_detail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A conversation with its messages (tool calls and their results included) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        id: string;
                        messages: {
                            content: string;
                            conversationId: string;
                            createdAt: string;
                            id: string;
                            model?: string;
                            provider?: string;
                            /** @enum {string} */
                            role: "user" | "assistant" | "tool";
                            summary?: string;
                            toolCallId?: string;
                            toolCalls?: {
                                arguments: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                name: string;
                            }[];
                            toolName?: string;
                            /** @enum {string} */
                            toolStatus?: "running" | "ok" | "error";
                        }[];
                        /** @enum {string} */
                        persona: "daw" | "operator";
                        projectId: string | null;
                        title: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Chat_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a conversation and its messages */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Chat_send: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    content: string;
                };
            };
        };
        responses: {
            /** @description Send a message and wait for the whole turn (tool calls run as the caller); Socket.IO /ai-brain streams the same turn as it happens */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cancelled: boolean;
                        conversationId: string;
                        fallbacks: {
                            from: string;
                            reason: string;
                            to: string;
                        }[];
                        messages: {
                            content: string;
                            conversationId: string;
                            createdAt: string;
                            id: string;
                            model?: string;
                            provider?: string;
                            /** @enum {string} */
                            role: "user" | "assistant" | "tool";
                            summary?: string;
                            toolCallId?: string;
                            toolCalls?: {
                                arguments: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                name: string;
                            }[];
                            toolName?: string;
                            /** @enum {string} */
                            toolStatus?: "running" | "ok" | "error";
                        }[];
                        model: string;
                        provider: string;
                        usage: {
                            costUsd: number;
                            inputTokens: number;
                            outputTokens: number;
                        };
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    Docs_page: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Swagger UI over this API */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    DocsJson_json: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI 3.1 document of this API */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Docs_asset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Static files of the Swagger UI page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Execute_execute: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    action: string;
                    module: string;
                    /** @default {} */
                    params?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Run an ops action on the service that owns it (admins, or API keys with ops:execute); GET actions are retried, and each target has a circuit breaker */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        action: string;
                        attempts: number;
                        module: string;
                        result: unknown;
                        status: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GatewayAdmin_approvals: {
        parameters: {
            query?: {
                limit?: number;
                status?: "pending" | "approved" | "denied" | "expired" | "consumed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Approval requests for privileged commands, newest first (admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            agent: string | null;
                            argv: string[];
                            cwd: string;
                            decidedAt: string | null;
                            decidedBy: string | null;
                            expiresAt: string;
                            id: string;
                            line: string;
                            reason: string | null;
                            requestedAt: string;
                            requesterId: string;
                            rule: string;
                            sessionId: string;
                            /** @enum {string} */
                            status: "pending" | "approved" | "denied" | "expired" | "consumed";
                        }[];
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    GatewayAdmin_approval: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One approval request (admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        agent: string | null;
                        argv: string[];
                        cwd: string;
                        decidedAt: string | null;
                        decidedBy: string | null;
                        expiresAt: string;
                        id: string;
                        line: string;
                        reason: string | null;
                        requestedAt: string;
                        requesterId: string;
                        rule: string;
                        sessionId: string;
                        /** @enum {string} */
                        status: "pending" | "approved" | "denied" | "expired" | "consumed";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    GatewayAdmin_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Approve a pending privileged command: it runs once, in the session and with the argv it was requested for; never your own (admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        agent: string | null;
                        argv: string[];
                        cwd: string;
                        decidedAt: string | null;
                        decidedBy: string | null;
                        expiresAt: string;
                        id: string;
                        line: string;
                        reason: string | null;
                        requestedAt: string;
                        requesterId: string;
                        rule: string;
                        sessionId: string;
                        /** @enum {string} */
                        status: "pending" | "approved" | "denied" | "expired" | "consumed";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    GatewayAdmin_deny: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Deny a pending privileged command; the client is told (admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        agent: string | null;
                        argv: string[];
                        cwd: string;
                        decidedAt: string | null;
                        decidedBy: string | null;
                        expiresAt: string;
                        id: string;
                        line: string;
                        reason: string | null;
                        requestedAt: string;
                        requesterId: string;
                        rule: string;
                        sessionId: string;
                        /** @enum {string} */
                        status: "pending" | "approved" | "denied" | "expired" | "consumed";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    GatewayAdmin_commands: {
        parameters: {
            query?: {
                decision?: "allowed" | "denied" | "approved" | "rejected" | "expired";
                limit?: number;
                sessionId?: string;
                userId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The command audit: every line sent over SSH with its decision, rule and result, newest first (admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            agent: string | null;
                            approvalId: string | null;
                            approverId: string | null;
                            argv: string[];
                            bytesOut: number | null;
                            cwd: string;
                            /** @enum {string} */
                            decision: "allowed" | "denied" | "approved" | "rejected" | "expired";
                            durationMs: number | null;
                            exitCode: number | null;
                            finishedAt: string | null;
                            id: string;
                            line: string;
                            /** @enum {string} */
                            mode: "exec" | "shell";
                            outcome: ("exited" | "signalled" | "timeout" | "output-limit" | "ended" | "failed-to-start") | null;
                            reason: string | null;
                            rule: string;
                            sessionId: string;
                            signal: string | null;
                            startedAt: string;
                            userId: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    GatewayAdmin_locks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Users locked out of the gateway (admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            lockedAt: string;
                            lockedBy: string | null;
                            reason: string | null;
                            userId: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    GatewayAdmin_lock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Lock a user (and their agents) out of the gateway: no new session, and live ones end within seconds (admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        lock: {
                            lockedAt: string;
                            lockedBy: string | null;
                            reason: string | null;
                            userId: string;
                        };
                        sessionsEnding: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    GatewayAdmin_unlock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unlock a user (admin) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    GatewayAdmin_sessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Live SSH sessions on every gateway replica (admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            agent: string | null;
                            expiresAt: string;
                            id: string;
                            ip: string;
                            lastActivityAt: string;
                            replica: string;
                            running: string | null;
                            sshKeyId: string;
                            startedAt: string;
                            userId: string;
                            username: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    GatewayAdmin_kill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description End a live SSH session, and every process it started, on whichever replica holds it (admin) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    GatewayAdmin_transcript: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A presigned link to a finished session's asciicast v2 transcript (admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        expiresAt: string;
                        /** @constant */
                        method: "GET";
                        sessionId: string;
                        url: string;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    GenerationJobs_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancel a generation job: a queued one is removed at once, a running one stops at its worker’s next check */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempts: number;
                        automix?: {
                            gainDb: number;
                            loudnessLufs: number | null;
                            name: string;
                            pan: number;
                            role: string;
                            trackId: string;
                        }[];
                        createdAt: string;
                        durationSeconds: number | null;
                        error: string | null;
                        files: {
                            durationSeconds?: number;
                            key: string;
                            /** @enum {string} */
                            kind: "midi" | "wav" | "text" | "json";
                            name: string;
                            sizeBytes: number;
                            stem?: string;
                        }[];
                        finishedAt: string | null;
                        jobId: string;
                        /** @enum {string} */
                        kind: "beat" | "melody" | "chords" | "arrangement" | "stems" | "mix" | "master" | "lyrics" | "automix";
                        loudness?: {
                            inputLufs: number | null;
                            outputLufs: number | null;
                            truePeakDbtp: number | null;
                        };
                        percent: number;
                        seed: number;
                        /** @enum {string} */
                        stage: "queued" | "compose" | "render" | "mix" | "master" | "encode" | "store" | "record" | "done";
                        /** @enum {string} */
                        state: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GenerationJobs_file: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A presigned URL to download one file of a finished job (15 minutes) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        expiresAt: string;
                        headers: {
                            [key: string]: string;
                        };
                        /** @enum {string} */
                        method: "GET" | "PUT";
                        url: string;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GenerationJobs_arrangement: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @default 8
                     * @enum {number}
                     */
                    bars?: 4 | 8 | 16 | 32;
                    bpm: number;
                    /**
                     * @default medium
                     * @enum {string}
                     */
                    complexity?: "simple" | "medium" | "complex";
                    /** @enum {string} */
                    genre: "trap" | "boom-bap" | "lo-fi" | "house" | "techno" | "drum-and-bass" | "edm-pop" | "rock" | "jazz-swing" | "reggae" | "reggaeton" | "afrobeats" | "ambient";
                    /**
                     * @default C
                     * @enum {string}
                     */
                    key?: "C" | "C#" | "Db" | "D" | "D#" | "Eb" | "E" | "F" | "F#" | "Gb" | "G" | "G#" | "Ab" | "A" | "A#" | "Bb" | "B";
                    /** Format: uuid */
                    projectId?: string;
                    /**
                     * @default builtin
                     * @enum {string}
                     */
                    provider?: "builtin" | "musicgen" | "suno";
                    /** @enum {string} */
                    scale?: "major" | "minor" | "dorian" | "phrygian" | "lydian" | "mixolydian" | "locrian" | "harmonic-minor" | "melodic-minor";
                    seed?: number;
                    structure?: ("intro" | "verse" | "chorus" | "bridge" | "breakdown" | "outro")[];
                };
            };
        };
        responses: {
            /** @description Generate a full arrangement (intro, verses, choruses, outro): MIDI and WAV */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        chargedMinutes: number;
                        jobId: string;
                        /** @enum {string} */
                        kind: "beat" | "melody" | "chords" | "arrangement" | "stems" | "mix" | "master" | "lyrics" | "automix";
                        seed: number;
                        /** @constant */
                        status: "queued";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GenerationJobs_automix: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    projectId: string;
                    /** @default -14 */
                    targetLufs?: number;
                    trackIds?: string[];
                };
            };
        };
        responses: {
            /** @description Auto-mix a project’s own audio tracks: per-track gain staged by loudness and pan spread, suggested for the client to apply, with a mastered preview WAV */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        chargedMinutes: number;
                        jobId: string;
                        /** @enum {string} */
                        kind: "beat" | "melody" | "chords" | "arrangement" | "stems" | "mix" | "master" | "lyrics" | "automix";
                        seed: number;
                        /** @constant */
                        status: "queued";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GenerationJobs_beat: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @default 8
                     * @enum {number}
                     */
                    bars?: 4 | 8 | 16 | 32;
                    bpm: number;
                    /**
                     * @default medium
                     * @enum {string}
                     */
                    complexity?: "simple" | "medium" | "complex";
                    /** @enum {string} */
                    genre: "trap" | "boom-bap" | "lo-fi" | "house" | "techno" | "drum-and-bass" | "edm-pop" | "rock" | "jazz-swing" | "reggae" | "reggaeton" | "afrobeats" | "ambient";
                    /**
                     * @default C
                     * @enum {string}
                     */
                    key?: "C" | "C#" | "Db" | "D" | "D#" | "Eb" | "E" | "F" | "F#" | "Gb" | "G" | "G#" | "Ab" | "A" | "A#" | "Bb" | "B";
                    /** Format: uuid */
                    projectId?: string;
                    /**
                     * @default builtin
                     * @enum {string}
                     */
                    provider?: "builtin" | "musicgen" | "suno";
                    /** @enum {string} */
                    scale?: "major" | "minor" | "dorian" | "phrygian" | "lydian" | "mixolydian" | "locrian" | "harmonic-minor" | "melodic-minor";
                    seed?: number;
                };
            };
        };
        responses: {
            /** @description Generate a beat (drums, bass, chords): MIDI and WAV */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        chargedMinutes: number;
                        jobId: string;
                        /** @enum {string} */
                        kind: "beat" | "melody" | "chords" | "arrangement" | "stems" | "mix" | "master" | "lyrics" | "automix";
                        seed: number;
                        /** @constant */
                        status: "queued";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GenerationJobs_chords: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @default 8
                     * @enum {number}
                     */
                    bars?: 4 | 8 | 16 | 32;
                    bpm: number;
                    /**
                     * @default medium
                     * @enum {string}
                     */
                    complexity?: "simple" | "medium" | "complex";
                    /** @enum {string} */
                    genre: "trap" | "boom-bap" | "lo-fi" | "house" | "techno" | "drum-and-bass" | "edm-pop" | "rock" | "jazz-swing" | "reggae" | "reggaeton" | "afrobeats" | "ambient";
                    /**
                     * @default C
                     * @enum {string}
                     */
                    key?: "C" | "C#" | "Db" | "D" | "D#" | "Eb" | "E" | "F" | "F#" | "Gb" | "G" | "G#" | "Ab" | "A" | "A#" | "Bb" | "B";
                    /** Format: uuid */
                    projectId?: string;
                    /**
                     * @default builtin
                     * @enum {string}
                     */
                    provider?: "builtin" | "musicgen" | "suno";
                    /** @enum {string} */
                    scale?: "major" | "minor" | "dorian" | "phrygian" | "lydian" | "mixolydian" | "locrian" | "harmonic-minor" | "melodic-minor";
                    seed?: number;
                };
            };
        };
        responses: {
            /** @description Generate a chord progression: MIDI and WAV */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        chargedMinutes: number;
                        jobId: string;
                        /** @enum {string} */
                        kind: "beat" | "melody" | "chords" | "arrangement" | "stems" | "mix" | "master" | "lyrics" | "automix";
                        seed: number;
                        /** @constant */
                        status: "queued";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GenerationJobs_lyrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    genre: "trap" | "boom-bap" | "lo-fi" | "house" | "techno" | "drum-and-bass" | "edm-pop" | "rock" | "jazz-swing" | "reggae" | "reggaeton" | "afrobeats" | "ambient";
                    /** @default 4 */
                    linesPerSection?: number;
                    /** @enum {string} */
                    mood: "happy" | "sad" | "angry" | "romantic" | "hopeful" | "chill";
                    /** Format: uuid */
                    projectId?: string;
                    seed?: number;
                    structure?: ("intro" | "verse" | "pre-chorus" | "chorus" | "bridge" | "outro")[];
                    topic?: string;
                };
            };
        };
        responses: {
            /** @description Write lyrics (verses, chorus with the title hook, bridge) for a mood and genre: text and JSON */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        chargedMinutes: number;
                        jobId: string;
                        /** @enum {string} */
                        kind: "beat" | "melody" | "chords" | "arrangement" | "stems" | "mix" | "master" | "lyrics" | "automix";
                        seed: number;
                        /** @constant */
                        status: "queued";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GenerationJobs_master: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default -1 */
                    ceilingDbtp?: number;
                    /** Format: uuid */
                    projectId?: string;
                    /** Format: uuid */
                    sourceJobId: string;
                    /** @default -14 */
                    targetLufs?: number;
                };
            };
        };
        responses: {
            /** @description Mix and master an earlier job to a loudness target and true-peak ceiling */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        chargedMinutes: number;
                        jobId: string;
                        /** @enum {string} */
                        kind: "beat" | "melody" | "chords" | "arrangement" | "stems" | "mix" | "master" | "lyrics" | "automix";
                        seed: number;
                        /** @constant */
                        status: "queued";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GenerationJobs_melody: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @default 8
                     * @enum {number}
                     */
                    bars?: 4 | 8 | 16 | 32;
                    bpm: number;
                    /**
                     * @default medium
                     * @enum {string}
                     */
                    complexity?: "simple" | "medium" | "complex";
                    /** @enum {string} */
                    genre: "trap" | "boom-bap" | "lo-fi" | "house" | "techno" | "drum-and-bass" | "edm-pop" | "rock" | "jazz-swing" | "reggae" | "reggaeton" | "afrobeats" | "ambient";
                    /**
                     * @default C
                     * @enum {string}
                     */
                    key?: "C" | "C#" | "Db" | "D" | "D#" | "Eb" | "E" | "F" | "F#" | "Gb" | "G" | "G#" | "Ab" | "A" | "A#" | "Bb" | "B";
                    /** Format: uuid */
                    projectId?: string;
                    /**
                     * @default builtin
                     * @enum {string}
                     */
                    provider?: "builtin" | "musicgen" | "suno";
                    /** @enum {string} */
                    scale?: "major" | "minor" | "dorian" | "phrygian" | "lydian" | "mixolydian" | "locrian" | "harmonic-minor" | "melodic-minor";
                    seed?: number;
                    /** @default false */
                    withChords?: boolean;
                };
            };
        };
        responses: {
            /** @description Generate a melody: MIDI and WAV */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        chargedMinutes: number;
                        jobId: string;
                        /** @enum {string} */
                        kind: "beat" | "melody" | "chords" | "arrangement" | "stems" | "mix" | "master" | "lyrics" | "automix";
                        seed: number;
                        /** @constant */
                        status: "queued";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GenerationJobs_mix: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    gainsDb?: {
                        [key: string]: number;
                    };
                    pans?: {
                        [key: string]: number;
                    };
                    /** Format: uuid */
                    projectId?: string;
                    /** Format: uuid */
                    sourceJobId: string;
                };
            };
        };
        responses: {
            /** @description Mix the stems of an earlier job with per-stem gains */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        chargedMinutes: number;
                        jobId: string;
                        /** @enum {string} */
                        kind: "beat" | "melody" | "chords" | "arrangement" | "stems" | "mix" | "master" | "lyrics" | "automix";
                        seed: number;
                        /** @constant */
                        status: "queued";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GenerationJobs_status: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A generation job’s state, stage, percent and, once done, its files */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempts: number;
                        automix?: {
                            gainDb: number;
                            loudnessLufs: number | null;
                            name: string;
                            pan: number;
                            role: string;
                            trackId: string;
                        }[];
                        createdAt: string;
                        durationSeconds: number | null;
                        error: string | null;
                        files: {
                            durationSeconds?: number;
                            key: string;
                            /** @enum {string} */
                            kind: "midi" | "wav" | "text" | "json";
                            name: string;
                            sizeBytes: number;
                            stem?: string;
                        }[];
                        finishedAt: string | null;
                        jobId: string;
                        /** @enum {string} */
                        kind: "beat" | "melody" | "chords" | "arrangement" | "stems" | "mix" | "master" | "lyrics" | "automix";
                        loudness?: {
                            inputLufs: number | null;
                            outputLufs: number | null;
                            truePeakDbtp: number | null;
                        };
                        percent: number;
                        seed: number;
                        /** @enum {string} */
                        stage: "queued" | "compose" | "render" | "mix" | "master" | "encode" | "store" | "record" | "done";
                        /** @enum {string} */
                        state: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GenerationJobs_stems: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    projectId?: string;
                    /** Format: uuid */
                    sourceJobId: string;
                };
            };
        };
        responses: {
            /** @description Render one WAV per track of an earlier beat, melody, chords or arrangement job */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        chargedMinutes: number;
                        jobId: string;
                        /** @enum {string} */
                        kind: "beat" | "melody" | "chords" | "arrangement" | "stems" | "mix" | "master" | "lyrics" | "automix";
                        seed: number;
                        /** @constant */
                        status: "queued";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GenerationStats_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Generation jobs by status (admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdLast24h: number;
                        jobsByStatus: {
                            cancelled: number;
                            failed: number;
                            queued: number;
                            running: number;
                            succeeded: number;
                        };
                        total: number;
                    };
                };
            };
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Me_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signed-in account */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        displayName: string;
                        email: string;
                        id: string;
                        roles: string[];
                        version: number;
                    };
                };
            };
            401: components["responses"]["UNAUTHENTICATED"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Me_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName: string;
                    version: number;
                };
            };
        };
        responses: {
            /** @description Change the display name (optimistic concurrency on version) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        displayName: string;
                        email: string;
                        id: string;
                        roles: string[];
                        version: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Ops_audit: {
        parameters: {
            query?: {
                action?: string;
                actor?: string;
                from?: string;
                page?: number;
                pageSize?: number;
                q?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Search the audit log, newest first: by action (exact, or a prefix such as auth.*), actor (id or email), text in the target and details, and time (admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            action: string;
                            actor: {
                                displayName: string | null;
                                email: string | null;
                                id: string;
                            } | null;
                            details: {
                                [key: string]: unknown;
                            };
                            id: string;
                            ip: string | null;
                            occurredAt: string;
                            requestId: string | null;
                        }[];
                        page: number;
                        pageSize: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    GenerationDeadLetters_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Generation jobs that failed for good, newest first, with their last error (admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attempts: number;
                            chargedMinutes: number;
                            createdAt: string;
                            error: string;
                            failedAt: string | null;
                            jobId: string;
                            /** @enum {string} */
                            kind: "beat" | "melody" | "chords" | "arrangement" | "stems" | "mix" | "master" | "lyrics" | "automix";
                            params: {
                                [key: string]: unknown;
                            };
                            requestId: string;
                            userId: string;
                        }[];
                        page: number;
                        pageSize: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GenerationDeadLetters_retry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queue a failed generation job again with fresh attempts (admin; audited; the owner is not charged again) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempts: number;
                        automix?: {
                            gainDb: number;
                            loudnessLufs: number | null;
                            name: string;
                            pan: number;
                            role: string;
                            trackId: string;
                        }[];
                        createdAt: string;
                        durationSeconds: number | null;
                        error: string | null;
                        files: {
                            durationSeconds?: number;
                            key: string;
                            /** @enum {string} */
                            kind: "midi" | "wav" | "text" | "json";
                            name: string;
                            sizeBytes: number;
                            stem?: string;
                        }[];
                        finishedAt: string | null;
                        jobId: string;
                        /** @enum {string} */
                        kind: "beat" | "melody" | "chords" | "arrangement" | "stems" | "mix" | "master" | "lyrics" | "automix";
                        loudness?: {
                            inputLufs: number | null;
                            outputLufs: number | null;
                            truePeakDbtp: number | null;
                        };
                        percent: number;
                        seed: number;
                        /** @enum {string} */
                        stage: "queued" | "compose" | "render" | "mix" | "master" | "encode" | "store" | "record" | "done";
                        /** @enum {string} */
                        state: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    GenerationRecentJobs_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                status?: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Recent generation jobs of every state (or of one, by `status`), newest first, with owner, progress and last error (admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attempts: number;
                            chargedMinutes: number;
                            createdAt: string;
                            error: string | null;
                            finishedAt: string | null;
                            jobId: string;
                            /** @enum {string} */
                            kind: "beat" | "melody" | "chords" | "arrangement" | "stems" | "mix" | "master" | "lyrics" | "automix";
                            percent: number;
                            projectId: string | null;
                            requestId: string;
                            /** @enum {string} */
                            stage: "queued" | "compose" | "render" | "mix" | "master" | "encode" | "store" | "record" | "done";
                            startedAt: string | null;
                            /** @enum {string} */
                            state: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            userId: string;
                        }[];
                        page: number;
                        pageSize: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    Ops_healthReport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Health of every service, with latency and 24 h uptime (admin); a service that is down is reported, not an error */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checkedAt: string;
                        /** @enum {string} */
                        mode: "in-process" | "directory";
                        services: {
                            checks: {
                                [key: string]: {
                                    error?: string;
                                    latencyMs: number;
                                    /** @enum {string} */
                                    status: "up" | "down";
                                };
                            };
                            lastError?: string;
                            latencyMs: number;
                            name: string;
                            samples24h: number;
                            /** @enum {string} */
                            status: "up" | "degraded" | "down";
                            uptime24h: number | null;
                        }[];
                        /** @enum {string} */
                        status: "up" | "degraded" | "down";
                    };
                };
            };
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Ops_platformMetrics: {
        parameters: {
            query?: {
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Users, projects, generation jobs and AI cost (admin); parts whose service is down are listed in `missing` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        aiCost: {
                            costByProviderPerDay: {
                                calls: number;
                                costUsd: number;
                                day: string;
                                inputTokens: number;
                                outputTokens: number;
                                provider: string;
                            }[];
                            days: number;
                            from: string;
                            totalCostUsd: number;
                        } | null;
                        daily: {
                            day: string;
                            newProjects: number;
                            newUsers: number;
                        }[];
                        generatedAt: string;
                        generationJobs: {
                            createdLast24h: number;
                            jobsByStatus: {
                                cancelled: number;
                                failed: number;
                                queued: number;
                                running: number;
                                succeeded: number;
                            };
                            total: number;
                        } | null;
                        missing: {
                            error: string;
                            part: string;
                            service: string;
                        }[];
                        projects: {
                            total: number;
                        };
                        users: {
                            active24h: number;
                            new7d: number;
                            new24h: number;
                            total: number;
                        };
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Projects_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                q?: string;
                scope?: "all" | "owned" | "shared";
                sort?: "createdAt" | "-createdAt" | "updatedAt" | "-updatedAt" | "name" | "-name";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List my projects and those shared with me (paged, sorted, filtered by name) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            bpm: number;
                            createdAt: string;
                            description: string;
                            id: string;
                            key: {
                                scale: string;
                                tonic: string;
                            } | null;
                            name: string;
                            ownerId: string;
                            /** @enum {string} */
                            role: "owner" | "editor" | "viewer";
                            sampleRate: number;
                            timeSignature: {
                                denominator: number;
                                numerator: number;
                            };
                            updatedAt: string;
                            version: number;
                        }[];
                        page: number;
                        pageSize: number;
                        total: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Projects_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    bpm?: number;
                    description?: string;
                    key?: {
                        /** @enum {string} */
                        scale: "major" | "minor" | "dorian" | "phrygian" | "lydian" | "mixolydian" | "locrian" | "harmonic-minor" | "melodic-minor";
                        /** @enum {string} */
                        tonic: "C" | "C#" | "Db" | "D" | "D#" | "Eb" | "E" | "F" | "F#" | "Gb" | "G" | "G#" | "Ab" | "A" | "A#" | "Bb" | "B";
                    } | null;
                    name: string;
                    sampleRate?: 44100 | 48000 | 88200 | 96000;
                    timeSignature?: {
                        denominator: 1 | 2 | 4 | 8 | 16 | 32;
                        numerator: number;
                    };
                };
            };
        };
        responses: {
            /** @description Create a project */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bpm: number;
                        createdAt: string;
                        description: string;
                        id: string;
                        key: {
                            scale: string;
                            tonic: string;
                        } | null;
                        name: string;
                        ownerId: string;
                        /** @enum {string} */
                        role: "owner" | "editor" | "viewer";
                        sampleRate: number;
                        timeSignature: {
                            denominator: number;
                            numerator: number;
                        };
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            402: components["responses"]["PAYMENT_REQUIRED"];
            403: components["responses"]["FORBIDDEN"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Projects_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A project */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bpm: number;
                        createdAt: string;
                        description: string;
                        id: string;
                        key: {
                            scale: string;
                            tonic: string;
                        } | null;
                        name: string;
                        ownerId: string;
                        /** @enum {string} */
                        role: "owner" | "editor" | "viewer";
                        sampleRate: number;
                        timeSignature: {
                            denominator: number;
                            numerator: number;
                        };
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Projects_remove: {
        parameters: {
            query?: {
                version?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a project and everything on its timeline (owner only) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Projects_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    bpm?: number;
                    description?: string;
                    key?: {
                        /** @enum {string} */
                        scale: "major" | "minor" | "dorian" | "phrygian" | "lydian" | "mixolydian" | "locrian" | "harmonic-minor" | "melodic-minor";
                        /** @enum {string} */
                        tonic: "C" | "C#" | "Db" | "D" | "D#" | "Eb" | "E" | "F" | "F#" | "Gb" | "G" | "G#" | "Ab" | "A" | "A#" | "Bb" | "B";
                    } | null;
                    name?: string;
                    sampleRate?: 44100 | 48000 | 88200 | 96000;
                    timeSignature?: {
                        denominator: 1 | 2 | 4 | 8 | 16 | 32;
                        numerator: number;
                    };
                    version: number;
                };
            };
        };
        responses: {
            /** @description Change a project (send the version you read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bpm: number;
                        createdAt: string;
                        description: string;
                        id: string;
                        key: {
                            scale: string;
                            tonic: string;
                        } | null;
                        name: string;
                        ownerId: string;
                        /** @enum {string} */
                        role: "owner" | "editor" | "viewer";
                        sampleRate: number;
                        timeSignature: {
                            denominator: number;
                            numerator: number;
                        };
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Projects_export: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole project as one JSON document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        audioFiles: {
                            channels: number;
                            durationSeconds: number;
                            fileName: string;
                            id: string;
                            mimeType: string;
                            sampleRate: number;
                            sizeBytes: number;
                        }[];
                        clips: {
                            audioFileId: string | null;
                            createdAt: string;
                            fadeInSeconds: number;
                            fadeOutSeconds: number;
                            gainDb: number;
                            id: string;
                            lengthBeats: number;
                            name: string;
                            notes: {
                                lengthBeats: number;
                                pitch: number;
                                startBeat: number;
                                velocity: number;
                            }[] | null;
                            projectId: string;
                            sourceOffsetSeconds: number;
                            startBeat: number;
                            takeGroupId: string | null;
                            trackId: string;
                            updatedAt: string;
                            version: number;
                        }[];
                        exportedAt: string;
                        /** @constant */
                        format: "dawg.project";
                        /** @constant */
                        formatVersion: 1;
                        markers: {
                            beat: number;
                            color: string;
                            id: string;
                            /** @enum {string} */
                            kind: "intro" | "verse" | "pre-chorus" | "chorus" | "post-chorus" | "bridge" | "breakdown" | "drop" | "solo" | "outro" | "custom";
                            name: string;
                            projectId: string;
                            version: number;
                        }[];
                        project: {
                            bpm: number;
                            createdAt: string;
                            description: string;
                            id: string;
                            key: {
                                scale: string;
                                tonic: string;
                            } | null;
                            name: string;
                            ownerId: string;
                            sampleRate: number;
                            timeSignature: {
                                denominator: number;
                                numerator: number;
                            };
                            updatedAt: string;
                            version: number;
                        };
                        takeGroups: {
                            activeClipId: string | null;
                            clipIds: string[];
                            id: string;
                            lengthBeats: number;
                            name: string;
                            projectId: string;
                            startBeat: number;
                            trackId: string;
                            version: number;
                        }[];
                        tracks: {
                            color: string;
                            createdAt: string;
                            id: string;
                            /** @enum {string} */
                            kind: "audio" | "midi";
                            mute: boolean;
                            name: string;
                            order: number;
                            pan: number;
                            projectId: string;
                            solo: boolean;
                            updatedAt: string;
                            version: number;
                            volumeDb: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Clips_list: {
        parameters: {
            query?: {
                trackId?: string;
            };
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project’s clips, optionally of one track */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            audioFileId: string | null;
                            createdAt: string;
                            fadeInSeconds: number;
                            fadeOutSeconds: number;
                            gainDb: number;
                            id: string;
                            lengthBeats: number;
                            name: string;
                            notes: {
                                lengthBeats: number;
                                pitch: number;
                                startBeat: number;
                                velocity: number;
                            }[] | null;
                            projectId: string;
                            sourceOffsetSeconds: number;
                            startBeat: number;
                            takeGroupId: string | null;
                            trackId: string;
                            updatedAt: string;
                            version: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Clips_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    audioFileId?: string | null;
                    fadeInSeconds?: number;
                    fadeOutSeconds?: number;
                    gainDb?: number;
                    lengthBeats: number;
                    name?: string;
                    notes?: {
                        lengthBeats: number;
                        pitch: number;
                        startBeat: number;
                        velocity: number;
                    }[];
                    sourceOffsetSeconds?: number;
                    startBeat: number;
                    takeGroupId?: string | null;
                    /** Format: uuid */
                    trackId: string;
                };
            };
        };
        responses: {
            /** @description Place a clip (audio file or MIDI notes) on a track */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        audioFileId: string | null;
                        createdAt: string;
                        fadeInSeconds: number;
                        fadeOutSeconds: number;
                        gainDb: number;
                        id: string;
                        lengthBeats: number;
                        name: string;
                        notes: {
                            lengthBeats: number;
                            pitch: number;
                            startBeat: number;
                            velocity: number;
                        }[] | null;
                        projectId: string;
                        sourceOffsetSeconds: number;
                        startBeat: number;
                        takeGroupId: string | null;
                        trackId: string;
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Clips_remove: {
        parameters: {
            query?: {
                version?: number;
            };
            header?: never;
            path: {
                id: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a clip */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Clips_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    audioFileId?: string | null;
                    fadeInSeconds?: number;
                    fadeOutSeconds?: number;
                    gainDb?: number;
                    lengthBeats?: number;
                    name?: string;
                    notes?: {
                        lengthBeats: number;
                        pitch: number;
                        startBeat: number;
                        velocity: number;
                    }[];
                    sourceOffsetSeconds?: number;
                    startBeat?: number;
                    takeGroupId?: string | null;
                    /** Format: uuid */
                    trackId?: string;
                    version: number;
                };
            };
        };
        responses: {
            /** @description Move, trim, fade or re-gain a clip */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        audioFileId: string | null;
                        createdAt: string;
                        fadeInSeconds: number;
                        fadeOutSeconds: number;
                        gainDb: number;
                        id: string;
                        lengthBeats: number;
                        name: string;
                        notes: {
                            lengthBeats: number;
                            pitch: number;
                            startBeat: number;
                            velocity: number;
                        }[] | null;
                        projectId: string;
                        sourceOffsetSeconds: number;
                        startBeat: number;
                        takeGroupId: string | null;
                        trackId: string;
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Collaborators_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Who works on this project, owner first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            addedAt: string;
                            displayName: string;
                            email: string;
                            /** @enum {string} */
                            role: "owner" | "editor" | "viewer";
                            userId: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Collaborators_add: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    /** @enum {string} */
                    role: "editor" | "viewer";
                };
            };
        };
        responses: {
            /** @description Invite an account as editor or viewer (owner only) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        addedAt: string;
                        displayName: string;
                        email: string;
                        /** @enum {string} */
                        role: "owner" | "editor" | "viewer";
                        userId: string;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Collaborators_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Remove a collaborator (the owner), or leave the project (yourself) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Collaborators_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role: "editor" | "viewer";
                };
            };
        };
        responses: {
            /** @description Change a collaborator’s role (owner only) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        addedAt: string;
                        displayName: string;
                        email: string;
                        /** @enum {string} */
                        role: "owner" | "editor" | "viewer";
                        userId: string;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Markers_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Section markers in time order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            beat: number;
                            color: string;
                            id: string;
                            /** @enum {string} */
                            kind: "intro" | "verse" | "pre-chorus" | "chorus" | "post-chorus" | "bridge" | "breakdown" | "drop" | "solo" | "outro" | "custom";
                            name: string;
                            projectId: string;
                            version: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Markers_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    beat: number;
                    color?: string;
                    /** @enum {string} */
                    kind?: "intro" | "verse" | "pre-chorus" | "chorus" | "post-chorus" | "bridge" | "breakdown" | "drop" | "solo" | "outro" | "custom";
                    name: string;
                };
            };
        };
        responses: {
            /** @description Add a section marker (verse, chorus, bridge, ...) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        beat: number;
                        color: string;
                        id: string;
                        /** @enum {string} */
                        kind: "intro" | "verse" | "pre-chorus" | "chorus" | "post-chorus" | "bridge" | "breakdown" | "drop" | "solo" | "outro" | "custom";
                        name: string;
                        projectId: string;
                        version: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Markers_remove: {
        parameters: {
            query?: {
                version?: number;
            };
            header?: never;
            path: {
                id: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a marker */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Markers_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    beat?: number;
                    color?: string;
                    /** @enum {string} */
                    kind?: "intro" | "verse" | "pre-chorus" | "chorus" | "post-chorus" | "bridge" | "breakdown" | "drop" | "solo" | "outro" | "custom";
                    name?: string;
                    version: number;
                };
            };
        };
        responses: {
            /** @description Rename or move a marker */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        beat: number;
                        color: string;
                        id: string;
                        /** @enum {string} */
                        kind: "intro" | "verse" | "pre-chorus" | "chorus" | "post-chorus" | "bridge" | "breakdown" | "drop" | "solo" | "outro" | "custom";
                        name: string;
                        projectId: string;
                        version: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Takes_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Take groups (recorded regions) with their takes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            activeClipId: string | null;
                            clipIds: string[];
                            id: string;
                            lengthBeats: number;
                            name: string;
                            projectId: string;
                            startBeat: number;
                            trackId: string;
                            version: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Takes_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    lengthBeats: number;
                    name?: string;
                    startBeat: number;
                    /** Format: uuid */
                    trackId: string;
                };
            };
        };
        responses: {
            /** @description Start a take group for a region of a track; clips created with its id become takes */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activeClipId: string | null;
                        clipIds: string[];
                        id: string;
                        lengthBeats: number;
                        name: string;
                        projectId: string;
                        startBeat: number;
                        trackId: string;
                        version: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Takes_remove: {
        parameters: {
            query?: {
                version?: number;
            };
            header?: never;
            path: {
                id: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a take group and its takes */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Takes_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    activeClipId?: string | null;
                    name?: string;
                    version: number;
                };
            };
        };
        responses: {
            /** @description Choose the active take, or rename the group */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activeClipId: string | null;
                        clipIds: string[];
                        id: string;
                        lengthBeats: number;
                        name: string;
                        projectId: string;
                        startBeat: number;
                        trackId: string;
                        version: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Tracks_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project’s tracks in order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            color: string;
                            createdAt: string;
                            id: string;
                            /** @enum {string} */
                            kind: "audio" | "midi";
                            mute: boolean;
                            name: string;
                            order: number;
                            pan: number;
                            projectId: string;
                            solo: boolean;
                            updatedAt: string;
                            version: number;
                            volumeDb: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Tracks_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    color?: string;
                    /** @enum {string} */
                    kind: "audio" | "midi";
                    mute?: boolean;
                    name: string;
                    order?: number;
                    pan?: number;
                    solo?: boolean;
                    volumeDb?: number;
                };
            };
        };
        responses: {
            /** @description Add a track (appended unless `order` is given) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        color: string;
                        createdAt: string;
                        id: string;
                        /** @enum {string} */
                        kind: "audio" | "midi";
                        mute: boolean;
                        name: string;
                        order: number;
                        pan: number;
                        projectId: string;
                        solo: boolean;
                        updatedAt: string;
                        version: number;
                        volumeDb: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Tracks_remove: {
        parameters: {
            query?: {
                version?: number;
            };
            header?: never;
            path: {
                id: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a track and its clips */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Tracks_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    color?: string;
                    mute?: boolean;
                    name?: string;
                    order?: number;
                    pan?: number;
                    solo?: boolean;
                    version: number;
                    volumeDb?: number;
                };
            };
        };
        responses: {
            /** @description Change a track: name, volume, pan, mute, solo, order, colour */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        color: string;
                        createdAt: string;
                        id: string;
                        /** @enum {string} */
                        kind: "audio" | "midi";
                        mute: boolean;
                        name: string;
                        order: number;
                        pan: number;
                        projectId: string;
                        solo: boolean;
                        updatedAt: string;
                        version: number;
                        volumeDb: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    SshKeys_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List my SSH keys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            agent: string | null;
                            algorithm: string;
                            createdAt: string;
                            expiresAt: string | null;
                            fingerprint: string;
                            id: string;
                            name: string;
                            publicKey: string;
                            revokedAt: string | null;
                            scopes: string[];
                        }[];
                    };
                };
            };
            401: components["responses"]["UNAUTHENTICATED"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    SshKeys_register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    agent?: string;
                    expiresInDays?: number;
                    name: string;
                    publicKey: string;
                    scopes: ("gateway:exec" | "gateway:ai-cli" | "gateway:admin")[];
                };
            };
        };
        responses: {
            /** @description Register an SSH public key for the gateway, for yourself or one of your AI agents, with its gateway scopes */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        agent: string | null;
                        algorithm: string;
                        createdAt: string;
                        expiresAt: string | null;
                        fingerprint: string;
                        id: string;
                        name: string;
                        publicKey: string;
                        revokedAt: string | null;
                        scopes: string[];
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            403: components["responses"]["FORBIDDEN"];
            409: components["responses"]["CONFLICT"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    SshKeys_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoke an SSH key (its gateway sessions end within seconds) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            404: components["responses"]["NOT_FOUND"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    StorageObjects_download: {
        parameters: {
            query: {
                token: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Download an object, or a byte range of it, through a presigned URL (fs storage driver) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            403: components["responses"]["FORBIDDEN"];
            404: components["responses"]["NOT_FOUND"];
            416: components["responses"]["RANGE_NOT_SATISFIABLE"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    StorageObjects_upload: {
        parameters: {
            query: {
                token: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The bytes to store, with the Content-Type signed into the URL; at most the signed size. */
        requestBody: {
            content: {
                "*/*": unknown;
            };
        };
        responses: {
            /** @description Upload an object through a presigned URL (fs storage driver) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sizeBytes: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            403: components["responses"]["FORBIDDEN"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["PAYLOAD_TOO_LARGE"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Voice_analyze: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default 440 */
                    a4?: number;
                    /** Format: uuid */
                    audioFileId: string;
                    target?: {
                        /** @constant */
                        kind: "note";
                        midi: number;
                    } | {
                        /** @constant */
                        kind: "melody";
                        notes: {
                            durationSeconds: number;
                            midi: number;
                            startSeconds: number;
                        }[];
                    } | {
                        /** @constant */
                        kind: "scale";
                        /** @enum {string} */
                        scale: "major" | "minor" | "harmonic-minor" | "melodic-minor" | "dorian" | "phrygian" | "lydian" | "mixolydian" | "locrian" | "major-pentatonic" | "minor-pentatonic" | "blues" | "chromatic";
                        /** @enum {string} */
                        tonic: "C" | "C#" | "Db" | "D" | "D#" | "Eb" | "E" | "F" | "F#" | "Gb" | "G" | "G#" | "Ab" | "A" | "A#" | "Bb" | "B";
                    };
                    tempo?: {
                        bpm: number;
                        /** @default 0 */
                        offsetSeconds?: number;
                        /** @default 2 */
                        subdivision?: number;
                    };
                    toleranceCents?: number;
                };
            };
        };
        responses: {
            /** @description Judge a stored recording like a live take: pitch track, onsets against the tempo, vibrato, scores and feedback */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        consistency: number | null;
                        durationSeconds: number;
                        feedback: {
                            code: string;
                            /** @enum {string} */
                            kind: "praise" | "tip";
                            message: string;
                        }[];
                        onsets: number;
                        onsetTimes: {
                            offsetMs: number | null;
                            time: number;
                            timing: ("early" | "late" | "on-time") | null;
                        }[];
                        overall: number | null;
                        pitch: {
                            cents: number | null;
                            confidence: number;
                            frequency: number;
                            isInTune: boolean;
                            note: string | null;
                            targetNote: string | null;
                            time: number;
                            voiced: boolean;
                        }[];
                        pitchAccuracy: number | null;
                        rhythmAccuracy: number | null;
                        sessionId: string;
                        vibrato: {
                            extentCents: number;
                            rateHz: number;
                        } | null;
                        voicedSeconds: number;
                    };
                };
            };
            400: components["responses"]["VALIDATION_FAILED"];
            401: components["responses"]["UNAUTHENTICATED"];
            404: components["responses"]["NOT_FOUND"];
            413: components["responses"]["PAYLOAD_TOO_LARGE"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE"];
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
    Health_health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Liveness: the process serves HTTP */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            [key: string]: {
                                error?: string;
                                latencyMs: number;
                                /** @enum {string} */
                                status: "up" | "down";
                            };
                        };
                        service: string;
                        /** @enum {string} */
                        status: "ok" | "degraded" | "draining";
                        uptime: number;
                        version: string;
                    };
                };
            };
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Metrics_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus metrics of this process */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
        };
    };
    Health_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Readiness: every dependency answers (503 while one is down or while draining) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            [key: string]: {
                                error?: string;
                                latencyMs: number;
                                /** @enum {string} */
                                status: "up" | "down";
                            };
                        };
                        service: string;
                        /** @enum {string} */
                        status: "ok" | "degraded" | "draining";
                        uptime: number;
                        version: string;
                    };
                };
            };
            429: components["responses"]["RATE_LIMITED"];
            500: components["responses"]["INTERNAL"];
            503: components["responses"]["SERVICE_UNAVAILABLE"];
        };
    };
}
