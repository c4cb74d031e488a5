// Generated from /docs/json by `npm run web:api-types` (scripts/web/api-types.ts). Do not edit.
export interface paths {
    "/api/v1/approval-steps/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a step (as its approver or their delegate) */
        post: {
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
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            draftStatus: "received" | "registered" | "refused" | "assigned" | "in_progress" | "completed" | "draft" | "in_approval" | "returned" | "approved" | "rejected" | "signed" | "issued" | "recalled";
                            /** @enum {unknown} */
                            instanceStatus: "running" | "returned" | "approved" | "rejected";
                            step: {
                                /** Format: date-time */
                                activatedAt: string | null;
                                approvers: {
                                    /** Format: uuid */
                                    actedBy: string | null;
                                    /** Format: uuid */
                                    actingForId: string | null;
                                    authorityPrefix: string | null;
                                    comment: string | null;
                                    /** Format: date-time */
                                    decidedAt: string | null;
                                    decision: ("approved" | "returned" | "rejected") | (never | null);
                                    fullName: string;
                                    /** Format: uuid */
                                    userId: string;
                                }[];
                                /** Format: date-time */
                                completedAt: string | null;
                                dueDate: string | null;
                                /** Format: uuid */
                                id: string;
                                isSigningStep: boolean;
                                name: string;
                                order: number;
                                required: number | null;
                                round: number;
                                /** @enum {unknown} */
                                status: "waiting" | "active" | "approved" | "returned" | "rejected" | "closed";
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-steps/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject the draft */
        post: {
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
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            draftStatus: "received" | "registered" | "refused" | "assigned" | "in_progress" | "completed" | "draft" | "in_approval" | "returned" | "approved" | "rejected" | "signed" | "issued" | "recalled";
                            /** @enum {unknown} */
                            instanceStatus: "running" | "returned" | "approved" | "rejected";
                            step: {
                                /** Format: date-time */
                                activatedAt: string | null;
                                approvers: {
                                    /** Format: uuid */
                                    actedBy: string | null;
                                    /** Format: uuid */
                                    actingForId: string | null;
                                    authorityPrefix: string | null;
                                    comment: string | null;
                                    /** Format: date-time */
                                    decidedAt: string | null;
                                    decision: ("approved" | "returned" | "rejected") | (never | null);
                                    fullName: string;
                                    /** Format: uuid */
                                    userId: string;
                                }[];
                                /** Format: date-time */
                                completedAt: string | null;
                                dueDate: string | null;
                                /** Format: uuid */
                                id: string;
                                isSigningStep: boolean;
                                name: string;
                                order: number;
                                required: number | null;
                                round: number;
                                /** @enum {unknown} */
                                status: "waiting" | "active" | "approved" | "returned" | "rejected" | "closed";
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-steps/{id}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Return the draft to its drafter for revision */
        post: {
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
                        comment: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            draftStatus: "received" | "registered" | "refused" | "assigned" | "in_progress" | "completed" | "draft" | "in_approval" | "returned" | "approved" | "rejected" | "signed" | "issued" | "recalled";
                            /** @enum {unknown} */
                            instanceStatus: "running" | "returned" | "approved" | "rejected";
                            step: {
                                /** Format: date-time */
                                activatedAt: string | null;
                                approvers: {
                                    /** Format: uuid */
                                    actedBy: string | null;
                                    /** Format: uuid */
                                    actingForId: string | null;
                                    authorityPrefix: string | null;
                                    comment: string | null;
                                    /** Format: date-time */
                                    decidedAt: string | null;
                                    decision: ("approved" | "returned" | "rejected") | (never | null);
                                    fullName: string;
                                    /** Format: uuid */
                                    userId: string;
                                }[];
                                /** Format: date-time */
                                completedAt: string | null;
                                dueDate: string | null;
                                /** Format: uuid */
                                id: string;
                                isSigningStep: boolean;
                                name: string;
                                order: number;
                                required: number | null;
                                round: number;
                                /** @enum {unknown} */
                                status: "waiting" | "active" | "approved" | "returned" | "rejected" | "closed";
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Templates of an organisation (current versions unless all=true) */
        get: {
            parameters: {
                query: {
                    all?: boolean;
                    organizationId: string;
                    typeName?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                createdBy: string;
                                current: boolean;
                                /** Format: uuid */
                                familyId: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** Format: uuid */
                                organizationId: string;
                                steps: {
                                    approvers: ({
                                        /** Format: uuid */
                                        userId: string;
                                    } | {
                                        /** @enum {unknown} */
                                        role: "admin" | "clerk" | "leader" | "specialist";
                                        /** Format: uuid */
                                        unitId: string;
                                    } | {
                                        /** Format: uuid */
                                        unitHeadOf: string;
                                    })[];
                                    dueInWorkingDays: number;
                                    isSigningStep: boolean;
                                    name: string;
                                    order: number;
                                    parallel: boolean;
                                    quorum: "all" | "any" | {
                                        n: number;
                                    };
                                }[];
                                typeName: string | null;
                                version: number;
                            }[];
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an approval workflow template (version 1) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** Format: uuid */
                        organizationId: string;
                        steps: {
                            approvers: ({
                                /** Format: uuid */
                                userId: string;
                            } | {
                                /** @enum {unknown} */
                                role: "admin" | "clerk" | "leader" | "specialist";
                                /** Format: uuid */
                                unitId: string;
                            } | {
                                /** Format: uuid */
                                unitHeadOf: string;
                            })[];
                            dueInWorkingDays: number;
                            isSigningStep?: boolean;
                            name: string;
                            order: number;
                            parallel?: boolean;
                            quorum: "all" | "any" | {
                                n: number;
                            };
                        }[];
                        typeName?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            createdBy: string;
                            current: boolean;
                            /** Format: uuid */
                            familyId: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            organizationId: string;
                            steps: {
                                approvers: ({
                                    /** Format: uuid */
                                    userId: string;
                                } | {
                                    /** @enum {unknown} */
                                    role: "admin" | "clerk" | "leader" | "specialist";
                                    /** Format: uuid */
                                    unitId: string;
                                } | {
                                    /** Format: uuid */
                                    unitHeadOf: string;
                                })[];
                                dueInWorkingDays: number;
                                isSigningStep: boolean;
                                name: string;
                                order: number;
                                parallel: boolean;
                                quorum: "all" | "any" | {
                                    n: number;
                                };
                            }[];
                            typeName: string | null;
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One template version */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            createdBy: string;
                            current: boolean;
                            /** Format: uuid */
                            familyId: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            organizationId: string;
                            steps: {
                                approvers: ({
                                    /** Format: uuid */
                                    userId: string;
                                } | {
                                    /** @enum {unknown} */
                                    role: "admin" | "clerk" | "leader" | "specialist";
                                    /** Format: uuid */
                                    unitId: string;
                                } | {
                                    /** Format: uuid */
                                    unitHeadOf: string;
                                })[];
                                dueInWorkingDays: number;
                                isSigningStep: boolean;
                                name: string;
                                order: number;
                                parallel: boolean;
                                quorum: "all" | "any" | {
                                    n: number;
                                };
                            }[];
                            typeName: string | null;
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        /** Edit a template: adds a new version; running instances keep theirs */
        put: {
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
                        name?: string;
                        steps: {
                            approvers: ({
                                /** Format: uuid */
                                userId: string;
                            } | {
                                /** @enum {unknown} */
                                role: "admin" | "clerk" | "leader" | "specialist";
                                /** Format: uuid */
                                unitId: string;
                            } | {
                                /** Format: uuid */
                                unitHeadOf: string;
                            })[];
                            dueInWorkingDays: number;
                            isSigningStep?: boolean;
                            name: string;
                            order: number;
                            parallel?: boolean;
                            quorum: "all" | "any" | {
                                n: number;
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            createdBy: string;
                            current: boolean;
                            /** Format: uuid */
                            familyId: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            organizationId: string;
                            steps: {
                                approvers: ({
                                    /** Format: uuid */
                                    userId: string;
                                } | {
                                    /** @enum {unknown} */
                                    role: "admin" | "clerk" | "leader" | "specialist";
                                    /** Format: uuid */
                                    unitId: string;
                                } | {
                                    /** Format: uuid */
                                    unitHeadOf: string;
                                })[];
                                dueInWorkingDays: number;
                                isSigningStep: boolean;
                                name: string;
                                order: number;
                                parallel: boolean;
                                quorum: "all" | "any" | {
                                    n: number;
                                };
                            }[];
                            typeName: string | null;
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's approval work list (own and delegated steps) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    status?: "pending" | "done";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                actingForId: string | null;
                                /** Format: date-time */
                                activatedAt: string | null;
                                decision: ("approved" | "returned" | "rejected") | (never | null);
                                /** Format: uuid */
                                draftId: string;
                                dueDate: string | null;
                                isSigningStep: boolean;
                                /** Format: uuid */
                                stepId: string;
                                stepName: string;
                                /** @enum {unknown} */
                                stepStatus: "waiting" | "active" | "approved" | "returned" | "rejected" | "closed";
                                subject: string;
                                type: string;
                            }[];
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Work list: assignments of the caller (mine), of their units (unit) or, for a leader, of every unit and person under them (subtree), newest first, with the number of matches */
        get: {
            parameters: {
                query: {
                    cursor?: string;
                    limit?: number;
                    organizationId?: string;
                    /** @description mine: assigned to the caller; unit: to the units the caller leads or clerks; subtree (leaders only): to every unit and person under the organisations the caller leads, whoever assigned it (work the province gave a district or commune included) */
                    scope: "mine" | "unit" | "subtree";
                    /** @description open, overdue, done: work; unread, read: items to inform (nhận để biết), which are never open work */
                    status: "open" | "overdue" | "done" | "unread" | "read";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                allottedWorkingDays: number | null;
                                /** Format: uuid */
                                assigneeUnitId: string | null;
                                assigneeUnitName: string | null;
                                /** Format: uuid */
                                assigneeUserId: string | null;
                                assigneeUserName: string | null;
                                /** Format: uuid */
                                assignerId: string;
                                assignerName: string;
                                comment: string | null;
                                completedAt: string | null;
                                createdAt: string;
                                /** Format: uuid */
                                documentId: string;
                                dueDate: string | null;
                                extensionReason: string | null;
                                extensionRequestedDueDate: string | null;
                                extensionStatus: string | null;
                                /** Format: uuid */
                                id: string;
                                overdueSince: string | null;
                                /** Format: uuid */
                                parentId: string | null;
                                readAt: string | null;
                                /** Format: uuid */
                                readById: string | null;
                                readByName: string | null;
                                recallReason: string | null;
                                /** Format: uuid */
                                replyDocumentId: string | null;
                                result: string | null;
                                returnReason: string | null;
                                role: "lead" | "coordinate" | "inform";
                                /** @description open, done, returned, cancelled, or recalled (thu hồi: the document was recalled by its sender; recallReason says why); an item to inform (role inform, a read receipt: no deadline, never overdue) is unread or read */
                                status: string;
                            } & {
                                document: {
                                    code: string | null;
                                    dueDate: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    incomingNumber: number | null;
                                    notation: string | null;
                                    number: string | null;
                                    status: string;
                                    subject: string;
                                    urgency: string;
                                };
                                overdue: boolean;
                            })[];
                            nextCursor: string | null;
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An assignment with its document, children and progress notes */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allottedWorkingDays: number | null;
                            /** Format: uuid */
                            assigneeUnitId: string | null;
                            assigneeUnitName: string | null;
                            /** Format: uuid */
                            assigneeUserId: string | null;
                            assigneeUserName: string | null;
                            /** Format: uuid */
                            assignerId: string;
                            assignerName: string;
                            comment: string | null;
                            completedAt: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            documentId: string;
                            dueDate: string | null;
                            extensionReason: string | null;
                            extensionRequestedDueDate: string | null;
                            extensionStatus: string | null;
                            /** Format: uuid */
                            id: string;
                            overdueSince: string | null;
                            /** Format: uuid */
                            parentId: string | null;
                            readAt: string | null;
                            /** Format: uuid */
                            readById: string | null;
                            readByName: string | null;
                            recallReason: string | null;
                            /** Format: uuid */
                            replyDocumentId: string | null;
                            result: string | null;
                            returnReason: string | null;
                            role: "lead" | "coordinate" | "inform";
                            /** @description open, done, returned, cancelled, or recalled (thu hồi: the document was recalled by its sender; recallReason says why); an item to inform (role inform, a read receipt: no deadline, never overdue) is unread or read */
                            status: string;
                        } & {
                            children: {
                                allottedWorkingDays: number | null;
                                /** Format: uuid */
                                assigneeUnitId: string | null;
                                assigneeUnitName: string | null;
                                /** Format: uuid */
                                assigneeUserId: string | null;
                                assigneeUserName: string | null;
                                /** Format: uuid */
                                assignerId: string;
                                assignerName: string;
                                comment: string | null;
                                completedAt: string | null;
                                createdAt: string;
                                /** Format: uuid */
                                documentId: string;
                                dueDate: string | null;
                                extensionReason: string | null;
                                extensionRequestedDueDate: string | null;
                                extensionStatus: string | null;
                                /** Format: uuid */
                                id: string;
                                overdueSince: string | null;
                                /** Format: uuid */
                                parentId: string | null;
                                readAt: string | null;
                                /** Format: uuid */
                                readById: string | null;
                                readByName: string | null;
                                recallReason: string | null;
                                /** Format: uuid */
                                replyDocumentId: string | null;
                                result: string | null;
                                returnReason: string | null;
                                role: "lead" | "coordinate" | "inform";
                                /** @description open, done, returned, cancelled, or recalled (thu hồi: the document was recalled by its sender; recallReason says why); an item to inform (role inform, a read receipt: no deadline, never overdue) is unread or read */
                                status: string;
                            }[];
                            document: {
                                /** Format: uuid */
                                id: string;
                                incomingNumber: number | null;
                                notation: string | null;
                                number: string | null;
                                status: string;
                                subject: string;
                                urgency: string;
                            };
                            notes: {
                                /** Format: uuid */
                                assignmentId: string;
                                /** Format: uuid */
                                authorId: string;
                                authorName: string;
                                createdAt: string;
                                fileIds: string[];
                                /** Format: uuid */
                                id: string;
                                text: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignments/{id}/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-assign inside the assigned unit (its head) */
        post: {
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
                        assignees: {
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            dueDate?: string;
                            dueInWorkingDays?: number;
                            role: "lead" | "coordinate" | "inform";
                            /** Format: uuid */
                            unitId?: string;
                            /** Format: uuid */
                            userId?: string;
                        }[];
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignments: {
                                allottedWorkingDays: number | null;
                                /** Format: uuid */
                                assigneeUnitId: string | null;
                                assigneeUnitName: string | null;
                                /** Format: uuid */
                                assigneeUserId: string | null;
                                assigneeUserName: string | null;
                                /** Format: uuid */
                                assignerId: string;
                                assignerName: string;
                                comment: string | null;
                                completedAt: string | null;
                                createdAt: string;
                                /** Format: uuid */
                                documentId: string;
                                dueDate: string | null;
                                extensionReason: string | null;
                                extensionRequestedDueDate: string | null;
                                extensionStatus: string | null;
                                /** Format: uuid */
                                id: string;
                                overdueSince: string | null;
                                /** Format: uuid */
                                parentId: string | null;
                                readAt: string | null;
                                /** Format: uuid */
                                readById: string | null;
                                readByName: string | null;
                                recallReason: string | null;
                                /** Format: uuid */
                                replyDocumentId: string | null;
                                result: string | null;
                                returnReason: string | null;
                                role: "lead" | "coordinate" | "inform";
                                /** @description open, done, returned, cancelled, or recalled (thu hồi: the document was recalled by its sender; recallReason says why); an item to inform (role inform, a read receipt: no deadline, never overdue) is unread or read */
                                status: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignments/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report the result; the document completes with its lead assignment (an item to inform is read, not completed: 409) */
        post: {
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
                        /** Format: uuid */
                        replyDocumentId?: string;
                        result: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignment: {
                                allottedWorkingDays: number | null;
                                /** Format: uuid */
                                assigneeUnitId: string | null;
                                assigneeUnitName: string | null;
                                /** Format: uuid */
                                assigneeUserId: string | null;
                                assigneeUserName: string | null;
                                /** Format: uuid */
                                assignerId: string;
                                assignerName: string;
                                comment: string | null;
                                completedAt: string | null;
                                createdAt: string;
                                /** Format: uuid */
                                documentId: string;
                                dueDate: string | null;
                                extensionReason: string | null;
                                extensionRequestedDueDate: string | null;
                                extensionStatus: string | null;
                                /** Format: uuid */
                                id: string;
                                overdueSince: string | null;
                                /** Format: uuid */
                                parentId: string | null;
                                readAt: string | null;
                                /** Format: uuid */
                                readById: string | null;
                                readByName: string | null;
                                recallReason: string | null;
                                /** Format: uuid */
                                replyDocumentId: string | null;
                                result: string | null;
                                returnReason: string | null;
                                role: "lead" | "coordinate" | "inform";
                                /** @description open, done, returned, cancelled, or recalled (thu hồi: the document was recalled by its sender; recallReason says why); an item to inform (role inform, a read receipt: no deadline, never overdue) is unread or read */
                                status: string;
                            };
                            document: {
                                completedAt: string | null;
                                dueDate: string | null;
                                /** Format: uuid */
                                id: string;
                                incomingNumber: number | null;
                                overdueSince: string | null;
                                refusedReason: string | null;
                                registeredAt: string | null;
                                /** Format: uuid */
                                registeredBy: string | null;
                                /** Format: uuid */
                                registerId: string | null;
                                status: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignments/{id}/extension": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the assigner for a later deadline */
        post: {
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
                        reason: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        requestedDueDate: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allottedWorkingDays: number | null;
                            /** Format: uuid */
                            assigneeUnitId: string | null;
                            assigneeUnitName: string | null;
                            /** Format: uuid */
                            assigneeUserId: string | null;
                            assigneeUserName: string | null;
                            /** Format: uuid */
                            assignerId: string;
                            assignerName: string;
                            comment: string | null;
                            completedAt: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            documentId: string;
                            dueDate: string | null;
                            extensionReason: string | null;
                            extensionRequestedDueDate: string | null;
                            extensionStatus: string | null;
                            /** Format: uuid */
                            id: string;
                            overdueSince: string | null;
                            /** Format: uuid */
                            parentId: string | null;
                            readAt: string | null;
                            /** Format: uuid */
                            readById: string | null;
                            readByName: string | null;
                            recallReason: string | null;
                            /** Format: uuid */
                            replyDocumentId: string | null;
                            result: string | null;
                            returnReason: string | null;
                            role: "lead" | "coordinate" | "inform";
                            /** @description open, done, returned, cancelled, or recalled (thu hồi: the document was recalled by its sender; recallReason says why); an item to inform (role inform, a read receipt: no deadline, never overdue) is unread or read */
                            status: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignments/{id}/extension/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Grant or refuse a pending extension (the assigner) */
        post: {
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
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        dueDate?: string;
                        grant: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allottedWorkingDays: number | null;
                            /** Format: uuid */
                            assigneeUnitId: string | null;
                            assigneeUnitName: string | null;
                            /** Format: uuid */
                            assigneeUserId: string | null;
                            assigneeUserName: string | null;
                            /** Format: uuid */
                            assignerId: string;
                            assignerName: string;
                            comment: string | null;
                            completedAt: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            documentId: string;
                            dueDate: string | null;
                            extensionReason: string | null;
                            extensionRequestedDueDate: string | null;
                            extensionStatus: string | null;
                            /** Format: uuid */
                            id: string;
                            overdueSince: string | null;
                            /** Format: uuid */
                            parentId: string | null;
                            readAt: string | null;
                            /** Format: uuid */
                            readById: string | null;
                            readByName: string | null;
                            recallReason: string | null;
                            /** Format: uuid */
                            replyDocumentId: string | null;
                            result: string | null;
                            returnReason: string | null;
                            role: "lead" | "coordinate" | "inform";
                            /** @description open, done, returned, cancelled, or recalled (thu hồi: the document was recalled by its sender; recallReason says why); an item to inform (role inform, a read receipt: no deadline, never overdue) is unread or read */
                            status: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignments/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add working files (reply drafts, minutes) to an open lead or coordinating assignment (its holder): multipart, one or more file parts
         * @description The files are listed with the document’s files (kind note, with assignmentId and createdBy) to everyone who may see the document, and progress notes may name them. 404 for an assignment the caller may not see; 403 NOT_ASSIGNMENT_HOLDER for someone who sees it but does not hold it (or an item to inform); 409 INVALID_STATE on a closed assignment.
         */
        post: {
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
                    "multipart/form-data": {
                        /** @description The working files (any field name). At most 52428800 bytes (50 MiB) each, 20 files. Accepted: pdf, docx, xlsx, pptx, odt, ods, odp, doc, xls, ppt, png, jpg, jpeg, tif, tiff, gif, xml, edxml, txt (the type is read from the first bytes; the name's extension must agree). */
                        files: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            files: {
                                /** Format: uuid */
                                assignmentId: string;
                                contentType: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                sha256: string;
                                size: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignments/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a progress note (optionally with files of the same document) */
        post: {
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
                        fileIds?: string[];
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            assignmentId: string;
                            /** Format: uuid */
                            authorId: string;
                            authorName: string;
                            createdAt: string;
                            fileIds: string[];
                            /** Format: uuid */
                            id: string;
                            text: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignments/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark an item to inform (nhận để biết) read, its recipient; opening the document, a file of it or the assignment does the same
         * @description Idempotent: an item already read answers as it is, and only the first read is recorded (readAt, readById, and one assignment.read event on the timeline). 404 for an assignment the caller may not see; 403 NOT_ASSIGNMENT_HOLDER for someone who sees it but is not its recipient; 409 INVALID_STATE for an assignment that is not an item to inform, or one withdrawn.
         */
        post: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allottedWorkingDays: number | null;
                            /** Format: uuid */
                            assigneeUnitId: string | null;
                            assigneeUnitName: string | null;
                            /** Format: uuid */
                            assigneeUserId: string | null;
                            assigneeUserName: string | null;
                            /** Format: uuid */
                            assignerId: string;
                            assignerName: string;
                            comment: string | null;
                            completedAt: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            documentId: string;
                            dueDate: string | null;
                            extensionReason: string | null;
                            extensionRequestedDueDate: string | null;
                            extensionStatus: string | null;
                            /** Format: uuid */
                            id: string;
                            overdueSince: string | null;
                            /** Format: uuid */
                            parentId: string | null;
                            readAt: string | null;
                            /** Format: uuid */
                            readById: string | null;
                            readByName: string | null;
                            recallReason: string | null;
                            /** Format: uuid */
                            replyDocumentId: string | null;
                            result: string | null;
                            returnReason: string | null;
                            role: "lead" | "coordinate" | "inform";
                            /** @description open, done, returned, cancelled, or recalled (thu hồi: the document was recalled by its sender; recallReason says why); an item to inform (role inform, a read receipt: no deadline, never overdue) is unread or read */
                            status: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignments/{id}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give the item back to the assigner */
        post: {
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
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allottedWorkingDays: number | null;
                            /** Format: uuid */
                            assigneeUnitId: string | null;
                            assigneeUnitName: string | null;
                            /** Format: uuid */
                            assigneeUserId: string | null;
                            assigneeUserName: string | null;
                            /** Format: uuid */
                            assignerId: string;
                            assignerName: string;
                            comment: string | null;
                            completedAt: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            documentId: string;
                            dueDate: string | null;
                            extensionReason: string | null;
                            extensionRequestedDueDate: string | null;
                            extensionStatus: string | null;
                            /** Format: uuid */
                            id: string;
                            overdueSince: string | null;
                            /** Format: uuid */
                            parentId: string | null;
                            readAt: string | null;
                            /** Format: uuid */
                            readById: string | null;
                            readByName: string | null;
                            recallReason: string | null;
                            /** Format: uuid */
                            replyDocumentId: string | null;
                            result: string | null;
                            returnReason: string | null;
                            role: "lead" | "coordinate" | "inform";
                            /** @description open, done, returned, cancelled, or recalled (thu hồi: the document was recalled by its sender; recallReason says why); an item to inform (role inform, a read receipt: no deadline, never overdue) is unread or read */
                            status: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
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
        /** Exchange a username and password for a bearer token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            expiresAt: string;
                            /** @enum {string} */
                            tokenType: "Bearer";
                            user: {
                                active: boolean;
                                email: string | null;
                                fullName: string;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                organizationId: string;
                                organizationName: string;
                                position: string | null;
                                roles: {
                                    /** Format: uuid */
                                    organizationId: string;
                                    organizationName: string;
                                    /** @description admin | clerk | leader | specialist */
                                    role: "admin" | "clerk" | "leader" | "specialist";
                                }[];
                                username: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The effective working calendar of a year: holidays, compensatory days, overrides, working Saturdays */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    year: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: {
                                date: string;
                                kind: "holiday" | "compensatory" | "day_off" | "working_day";
                                name: string;
                                source: "rule" | "override";
                                working: boolean;
                            }[];
                            workingDayCount: number;
                            year: number;
                        } & {
                            overrides: {
                                createdAt: string;
                                /** Format: uuid */
                                createdBy: string | null;
                                date: string;
                                kind: "holiday" | "day_off" | "working_day";
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar/overrides/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the decision for one date (admin of a root organisation) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description YYYY-MM-DD */
                    date: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        kind: "holiday" | "day_off" | "working_day";
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            /** Format: uuid */
                            createdBy: string | null;
                            date: string;
                            kind: "holiday" | "day_off" | "working_day";
                            name: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove the decision for one date (admin of a root organisation) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description YYYY-MM-DD */
                    date: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's certificates (mine=true, the default) or an organisation's; never any key material */
        get: {
            parameters: {
                query?: {
                    mine?: boolean;
                    organizationId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                certificate: string;
                                /** Format: date-time */
                                createdAt: string;
                                fingerprintSha256: string;
                                /** Format: uuid */
                                id: string;
                                issuer: string;
                                kind: "person" | "organization";
                                /** Format: date-time */
                                notAfter: string;
                                /** Format: date-time */
                                notBefore: string;
                                /** Format: uuid */
                                ownerOrganizationId: string | null;
                                /** Format: uuid */
                                ownerUserId: string | null;
                                serialNumber: string;
                                subjectCommonName: string | null;
                                trust: {
                                    /** @description a path leads from the certificate to a CA of the trust list */
                                    chainTrusted: boolean;
                                    /** @description why it is not trusted, in words */
                                    problems: string[];
                                    /**
                                     * @description revocation is not known: no CRL or OCSP source is configured
                                     * @enum {string}
                                     */
                                    revocation: "not_checked";
                                    /** @description trusted: chains to the trust list and valid today; not_trusted: no path to a CA of the trust list (server-side signing refuses it unless SIGNING_ALLOW_UNTRUSTED_CERTIFICATES); expired / not_yet_valid: chains, but today is outside its validity period */
                                    status: "trusted" | "not_trusted" | "expired" | "not_yet_valid";
                                };
                            }[];
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Upload a PKCS#12 certificate and key (multipart: p12, password, optional organizationId for an agency seal) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /**
                         * Format: uuid
                         * @description an agency seal: the organisation whose seal it is (else the certificate is the caller's)
                         */
                        organizationId?: string;
                        /**
                         * Format: binary
                         * @description The PKCS#12 file (certificate and private key). At most 262144 bytes (0.25 MiB). Accepted: p12, pfx.
                         */
                        p12: string;
                        /** @description the PKCS#12 file's password */
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            certificate: string;
                            /** Format: date-time */
                            createdAt: string;
                            fingerprintSha256: string;
                            /** Format: uuid */
                            id: string;
                            issuer: string;
                            kind: "person" | "organization";
                            /** Format: date-time */
                            notAfter: string;
                            /** Format: date-time */
                            notBefore: string;
                            /** Format: uuid */
                            ownerOrganizationId: string | null;
                            /** Format: uuid */
                            ownerUserId: string | null;
                            serialNumber: string;
                            subjectCommonName: string | null;
                            trust: {
                                /** @description a path leads from the certificate to a CA of the trust list */
                                chainTrusted: boolean;
                                /** @description why it is not trusted, in words */
                                problems: string[];
                                /**
                                 * @description revocation is not known: no CRL or OCSP source is configured
                                 * @enum {string}
                                 */
                                revocation: "not_checked";
                                /** @description trusted: chains to the trust list and valid today; not_trusted: no path to a CA of the trust list (server-side signing refuses it unless SIGNING_ALLOW_UNTRUSTED_CERTIFICATES); expired / not_yet_valid: chains, but today is outside its validity period */
                                status: "trusted" | "not_trusted" | "expired" | "not_yet_valid";
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certificates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Deactivate a certificate */
        delete: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            certificate: string;
                            /** Format: date-time */
                            createdAt: string;
                            fingerprintSha256: string;
                            /** Format: uuid */
                            id: string;
                            issuer: string;
                            kind: "person" | "organization";
                            /** Format: date-time */
                            notAfter: string;
                            /** Format: date-time */
                            notBefore: string;
                            /** Format: uuid */
                            ownerOrganizationId: string | null;
                            /** Format: uuid */
                            ownerUserId: string | null;
                            serialNumber: string;
                            subjectCommonName: string | null;
                            trust: {
                                /** @description a path leads from the certificate to a CA of the trust list */
                                chainTrusted: boolean;
                                /** @description why it is not trusted, in words */
                                problems: string[];
                                /**
                                 * @description revocation is not known: no CRL or OCSP source is configured
                                 * @enum {string}
                                 */
                                revocation: "not_checked";
                                /** @description trusted: chains to the trust list and valid today; not_trusted: no path to a CA of the trust list (server-side signing refuses it unless SIGNING_ALLOW_UNTRUSTED_CERTIFICATES); expired / not_yet_valid: chains, but today is outside its validity period */
                                status: "trusted" | "not_trusted" | "expired" | "not_yet_valid";
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/delegations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delegations the caller gave and received */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            given: {
                                /** @enum {unknown} */
                                authorityPrefix: "KT." | "TL." | "TUQ." | "Q.";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                delegateId: string;
                                /** Format: uuid */
                                delegatorId: string;
                                from: string;
                                /** Format: uuid */
                                id: string;
                                note: string | null;
                                /** Format: uuid */
                                parentDelegationId: string | null;
                                /** Format: date-time */
                                revokedAt: string | null;
                                /** @enum {unknown} */
                                scope: "approve" | "sign" | "both";
                                to: string;
                            }[];
                            received: {
                                /** @enum {unknown} */
                                authorityPrefix: "KT." | "TL." | "TUQ." | "Q.";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                delegateId: string;
                                /** Format: uuid */
                                delegatorId: string;
                                from: string;
                                /** Format: uuid */
                                id: string;
                                note: string | null;
                                /** Format: uuid */
                                parentDelegationId: string | null;
                                /** Format: date-time */
                                revokedAt: string | null;
                                /** @enum {unknown} */
                                scope: "approve" | "sign" | "both";
                                to: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Delegate approving and/or signing (ủy quyền) for a period */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        authorityPrefix: "KT." | "TL." | "TUQ." | "Q.";
                        /** Format: uuid */
                        delegateUserId: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        from: string;
                        note?: string;
                        /** Format: uuid */
                        parentDelegationId?: string;
                        /** @enum {unknown} */
                        scope: "approve" | "sign" | "both";
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        to: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            authorityPrefix: "KT." | "TL." | "TUQ." | "Q.";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            delegateId: string;
                            /** Format: uuid */
                            delegatorId: string;
                            from: string;
                            /** Format: uuid */
                            id: string;
                            note: string | null;
                            /** Format: uuid */
                            parentDelegationId: string | null;
                            /** Format: date-time */
                            revokedAt: string | null;
                            /** @enum {unknown} */
                            scope: "approve" | "sign" | "both";
                            to: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/delegations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a delegation the caller gave */
        delete: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            authorityPrefix: "KT." | "TL." | "TUQ." | "Q.";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            delegateId: string;
                            /** Format: uuid */
                            delegatorId: string;
                            from: string;
                            /** Format: uuid */
                            id: string;
                            note: string | null;
                            /** Format: uuid */
                            parentDelegationId: string | null;
                            /** Format: date-time */
                            revokedAt: string | null;
                            /** @enum {unknown} */
                            scope: "approve" | "sign" | "both";
                            to: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The documents the caller may see, newest first (keyset pagination); q matches number, notation and subject with or without diacritics */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    direction?: "incoming" | "outgoing" | "internal";
                    /** @description YYYY-MM-DD */
                    from?: string;
                    limit?: number;
                    q?: string;
                    status?: "received" | "registered" | "refused" | "assigned" | "in_progress" | "completed" | "draft" | "in_approval" | "returned" | "approved" | "rejected" | "signed" | "issued" | "recalled";
                    /** @description YYYY-MM-DD */
                    to?: string;
                    type?: string;
                    urgency?: "normal" | "urgent" | "very_urgent" | "flash";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                completedAt: string | null;
                                /** @enum {unknown} */
                                confidentiality: "normal" | "secret" | "top_secret" | "absolute_secret";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                createdBy: string | null;
                                /** @enum {unknown} */
                                direction: "incoming" | "outgoing" | "internal";
                                dueDate: string | null;
                                /** Format: uuid */
                                id: string;
                                incomingNumber: number | null;
                                issuerCode: string | null;
                                issuerName: string | null;
                                /** Format: uuid */
                                issuerOrganizationId: string | null;
                                notation: string | null;
                                number: string | null;
                                /** Format: date-time */
                                overdueSince: string | null;
                                /** Format: uuid */
                                ownerOrganizationId: string;
                                pageCount: number | null;
                                pendingNotices: ("recall" | "update" | "replace")[];
                                promulgationDate: string | null;
                                refusedReason: string | null;
                                /** Format: date-time */
                                registeredAt: string | null;
                                /** Format: uuid */
                                registerId: string | null;
                                signerAuthority: string | null;
                                signerName: string | null;
                                signerPosition: string | null;
                                /** @enum {unknown} */
                                status: "received" | "registered" | "refused" | "assigned" | "in_progress" | "completed" | "draft" | "in_approval" | "returned" | "approved" | "rejected" | "signed" | "issued" | "recalled";
                                subject: string;
                                type: string;
                                typeAbbreviation: string | null;
                                /** Format: date-time */
                                updatedAt: string;
                                /** @enum {unknown} */
                                urgency: "normal" | "urgent" | "very_urgent" | "flash";
                            }[];
                            nextCursor: string | null;
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Receive or create a document: multipart with a `metadata` JSON field and one or more files (the first is the main file) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /** @description The document: the first file part is the main file, the others its attachments (any field name). At most 52428800 bytes (50 MiB) each, 20 files. Accepted: pdf, docx, xlsx, pptx, odt, ods, odp, doc, xls, ppt, png, jpg, jpeg, tif, tiff, gif, xml, edxml, txt (the type is read from the first bytes; the name's extension must agree). */
                        files: string[];
                        metadata: {
                            /** @enum {unknown} */
                            confidentiality?: "normal" | "secret" | "top_secret" | "absolute_secret";
                            /** @enum {unknown} */
                            direction: "incoming" | "outgoing" | "internal";
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            dueDate?: string;
                            issuerCode?: string;
                            issuerName?: string;
                            notation?: string;
                            number?: string;
                            /** Format: uuid */
                            ownerOrganizationId?: string;
                            pageCount?: number;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            promulgationDate?: string;
                            /** @enum {unknown} */
                            signerAuthority?: "TM." | "KT." | "TL." | "TUQ." | "Q.";
                            signerName?: string;
                            signerPosition?: string;
                            subject: string;
                            type: string;
                            /** @enum {unknown} */
                            urgency?: "normal" | "urgent" | "very_urgent" | "flash";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            completedAt: string | null;
                            /** @enum {unknown} */
                            confidentiality: "normal" | "secret" | "top_secret" | "absolute_secret";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            createdBy: string | null;
                            /** @enum {unknown} */
                            direction: "incoming" | "outgoing" | "internal";
                            dueDate: string | null;
                            files: {
                                /** Format: uuid */
                                assignmentId: string | null;
                                contentType: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                createdBy: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @description main, attachment or note (a handler’s working file, added with POST /assignments/:id/files) */
                                kind: string;
                                latest: boolean;
                                name: string;
                                originalName: string | null;
                                /** Format: uuid */
                                previousFileId: string | null;
                                sha256: string;
                                size: number;
                                version: number;
                            }[];
                            /** Format: uuid */
                            id: string;
                            incomingNumber: number | null;
                            issuerCode: string | null;
                            issuerName: string | null;
                            /** Format: uuid */
                            issuerOrganizationId: string | null;
                            notation: string | null;
                            number: string | null;
                            /** Format: date-time */
                            overdueSince: string | null;
                            /** Format: uuid */
                            ownerOrganizationId: string;
                            pageCount: number | null;
                            pendingNotices: ("recall" | "update" | "replace")[];
                            promulgationDate: string | null;
                            refusedReason: string | null;
                            /** Format: date-time */
                            registeredAt: string | null;
                            /** Format: uuid */
                            registerId: string | null;
                            signerAuthority: string | null;
                            signerName: string | null;
                            signerPosition: string | null;
                            /** @enum {unknown} */
                            status: "received" | "registered" | "refused" | "assigned" | "in_progress" | "completed" | "draft" | "in_approval" | "returned" | "approved" | "rejected" | "signed" | "issued" | "recalled";
                            subject: string;
                            type: string;
                            typeAbbreviation: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @enum {unknown} */
                            urgency: "normal" | "urgent" | "very_urgent" | "flash";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A document with its files */
        get: {
            parameters: {
                query?: {
                    versions?: "latest" | "all";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            completedAt: string | null;
                            /** @enum {unknown} */
                            confidentiality: "normal" | "secret" | "top_secret" | "absolute_secret";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            createdBy: string | null;
                            /** @enum {unknown} */
                            direction: "incoming" | "outgoing" | "internal";
                            dueDate: string | null;
                            files: {
                                /** Format: uuid */
                                assignmentId: string | null;
                                contentType: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                createdBy: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @description main, attachment or note (a handler’s working file, added with POST /assignments/:id/files) */
                                kind: string;
                                latest: boolean;
                                name: string;
                                originalName: string | null;
                                /** Format: uuid */
                                previousFileId: string | null;
                                sha256: string;
                                size: number;
                                version: number;
                            }[];
                            /** Format: uuid */
                            id: string;
                            incomingNumber: number | null;
                            issuerCode: string | null;
                            issuerName: string | null;
                            /** Format: uuid */
                            issuerOrganizationId: string | null;
                            notation: string | null;
                            number: string | null;
                            /** Format: date-time */
                            overdueSince: string | null;
                            /** Format: uuid */
                            ownerOrganizationId: string;
                            pageCount: number | null;
                            pendingNotices: ("recall" | "update" | "replace")[];
                            promulgationDate: string | null;
                            refusedReason: string | null;
                            /** Format: date-time */
                            registeredAt: string | null;
                            /** Format: uuid */
                            registerId: string | null;
                            signerAuthority: string | null;
                            signerName: string | null;
                            signerPosition: string | null;
                            /** @enum {unknown} */
                            status: "received" | "registered" | "refused" | "assigned" | "in_progress" | "completed" | "draft" | "in_approval" | "returned" | "approved" | "rejected" | "signed" | "issued" | "recalled";
                            subject: string;
                            type: string;
                            typeAbbreviation: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @enum {unknown} */
                            urgency: "normal" | "urgent" | "very_urgent" | "flash";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/access-grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Let a user read a confidential document */
        post: {
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
                        /** Format: uuid */
                        userId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            documentId: string;
                            /** Format: uuid */
                            grantedBy: string | null;
                            /** Format: uuid */
                            userId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/access-grants/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraw a user’s explicit access */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every assignment of a document (the tree by parentId) */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                allottedWorkingDays: number | null;
                                /** Format: uuid */
                                assigneeUnitId: string | null;
                                assigneeUnitName: string | null;
                                /** Format: uuid */
                                assigneeUserId: string | null;
                                assigneeUserName: string | null;
                                /** Format: uuid */
                                assignerId: string;
                                assignerName: string;
                                comment: string | null;
                                completedAt: string | null;
                                createdAt: string;
                                /** Format: uuid */
                                documentId: string;
                                dueDate: string | null;
                                extensionReason: string | null;
                                extensionRequestedDueDate: string | null;
                                extensionStatus: string | null;
                                /** Format: uuid */
                                id: string;
                                overdueSince: string | null;
                                /** Format: uuid */
                                parentId: string | null;
                                readAt: string | null;
                                /** Format: uuid */
                                readById: string | null;
                                readByName: string | null;
                                recallReason: string | null;
                                /** Format: uuid */
                                replyDocumentId: string | null;
                                result: string | null;
                                returnReason: string | null;
                                role: "lead" | "coordinate" | "inform";
                                /** @description open, done, returned, cancelled, or recalled (thu hồi: the document was recalled by its sender; recallReason says why); an item to inform (role inform, a read receipt: no deadline, never overdue) is unread or read */
                                status: string;
                            }[];
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Direct (bút phê) and assign: one lead, coordinating and informed units or people, with deadlines
         * @description A deadline before today (Asia/Ho_Chi_Minh) is 400 DEADLINE_IN_PAST; a lead whose deadline is after the document’s own is 422 DEADLINE_AFTER_DOCUMENT (details.dueDate, details.documentDueDate) and nothing is written: only an extension granted to the lead moves the document’s deadline.
         */
        post: {
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
                        assignees: {
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            dueDate?: string;
                            dueInWorkingDays?: number;
                            role: "lead" | "coordinate" | "inform";
                            /** Format: uuid */
                            unitId?: string;
                            /** Format: uuid */
                            userId?: string;
                        }[];
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignments: {
                                allottedWorkingDays: number | null;
                                /** Format: uuid */
                                assigneeUnitId: string | null;
                                assigneeUnitName: string | null;
                                /** Format: uuid */
                                assigneeUserId: string | null;
                                assigneeUserName: string | null;
                                /** Format: uuid */
                                assignerId: string;
                                assignerName: string;
                                comment: string | null;
                                completedAt: string | null;
                                createdAt: string;
                                /** Format: uuid */
                                documentId: string;
                                dueDate: string | null;
                                extensionReason: string | null;
                                extensionRequestedDueDate: string | null;
                                extensionStatus: string | null;
                                /** Format: uuid */
                                id: string;
                                overdueSince: string | null;
                                /** Format: uuid */
                                parentId: string | null;
                                readAt: string | null;
                                /** Format: uuid */
                                readById: string | null;
                                readByName: string | null;
                                recallReason: string | null;
                                /** Format: uuid */
                                replyDocumentId: string | null;
                                result: string | null;
                                returnReason: string | null;
                                role: "lead" | "coordinate" | "inform";
                                /** @description open, done, returned, cancelled, or recalled (thu hồi: the document was recalled by its sender; recallReason says why); an item to inform (role inform, a read receipt: no deadline, never overdue) is unread or read */
                                status: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per recipient: delivery state, latest status code and history */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                /** @description sent through the national axis: its transport state per recipient, polled by the connector; null otherwise */
                                axis: {
                                    /**
                                     * Format: date-time
                                     * @description when this deployment last asked the axis (getSentEdocList)
                                     */
                                    checkedAt: string | null;
                                    /** @description the DocId sendEdoc answered for the package carrying the document */
                                    docId: string;
                                    /** @description when the recipient took it, as the axis gives it (its clock and format) */
                                    receivedTime: string | null;
                                    /** @description the recipient's id of its copy at the axis */
                                    receiverDocId: string | null;
                                    /** @description the recipient's copy at the axis, in the axis's words (e.g. initial: not fetched yet; done: the recipient's software took it; fail: it refused it); null until the axis reports it */
                                    receiveStatus: string | null;
                                    receiveStatusDescription: string | null;
                                    sendStatus: string | null;
                                } | null;
                                /** Format: date-time */
                                deliveredAt: string | null;
                                history: {
                                    answer?: "agreed" | "refused";
                                    /** @description when it was recorded here (entries are in arrival order) */
                                    at: string;
                                    businessType?: number;
                                    /** @description a national status code (01…06, 13, 15, 16, or one a peer sent), never an internal marker */
                                    code?: string;
                                    description?: string | null;
                                    /**
                                     * @description status (a recipient's status), recall-requested (13), update-requested, replace-requested, recall-answered / update-answered / replace-answered (15, 16), withdrawn (recalled before it arrived), sent (businessType: 0 new, 1 recall, 2 update, 3 replacement), dead-lettered, replayed
                                     * @enum {unknown}
                                     */
                                    event: "status" | "recall-requested" | "update-requested" | "replace-requested" | "recall-answered" | "update-answered" | "replace-answered" | "withdrawn" | "sent" | "dead-lettered" | "replayed";
                                    /** @description what it means, in Vietnamese */
                                    label: string;
                                    /** @description a peer's status package: the time the package gives */
                                    statedAt?: string | null;
                                }[];
                                /** Format: uuid */
                                id: string;
                                kind: "internal" | "remote";
                                lastError: string | null;
                                noticeKind: ("update" | "replace") | (never | null);
                                noticeReason: string | null;
                                /** @description requested | agreed (15) | refused (16) */
                                noticeState: string | null;
                                recallReason: string | null;
                                /** @description recall (13): requested | agreed (15: the copy is withdrawn) | refused (16) */
                                recallState: string | null;
                                /** Format: uuid */
                                recipientDocumentId: string | null;
                                recipientName: string;
                                recipientOrganId: string | null;
                                /** Format: uuid */
                                recipientOrganizationId: string | null;
                                /** @description pending | delivered | dead (dead-letter list) | recalled (recalled before it reached the recipient: never delivered) */
                                state: string;
                                /** Format: date-time */
                                statusAt: string | null;
                                /** @description current edXML status: 01 arrived, 02 refused, 03 registered, 04 assigned, 05 in progress, 06 done; never goes back to an earlier step (02 and 03 are one step) when statuses arrive out of order */
                                statusCode: string | null;
                                /** @description the recipient's own words with the status (a refusal's reason) */
                                statusDescription: string | null;
                                /** @description the current status's Vietnamese name (Đã đến, Từ chối tiếp nhận, Đã tiếp nhận, Phân công, Đang xử lý, Hoàn thành) */
                                statusLabel: string | null;
                            }[];
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/dispatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a document to recipients (organisations here, remote organ codes, or every unit of a level or tier under a unit)
         * @description Refused whole with 409 SECRET_DOCUMENT_NOT_EXCHANGEABLE when a secret document (mật, tối mật, tuyệt mật) has a remote recipient, and with 400 when the selector reaches no unit.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description A secret document (confidentiality other than normal) reaches only recipients of this deployment: any remote recipient refuses the whole dispatch (409 SECRET_DOCUMENT_NOT_EXCHANGEABLE, details.remoteRecipients). */
            requestBody: {
                content: {
                    "application/json": {
                        recipients?: ({
                            /** Format: uuid */
                            organizationId: string;
                        } | {
                            name: string;
                            /** @description mã định danh of a remote recipient */
                            organId: string;
                            /** Format: uuid */
                            peerId?: string;
                        })[];
                        /** @description this document replaces an earlier one (BussinessDocType 3): sent to its recipients too, whose copies get a replace notice */
                        replaces?: {
                            /** Format: uuid */
                            documentId: string;
                            reason?: string;
                        };
                        /** @description every current unit under underOrganizationId (not itself, not the sender), narrowed by level or tier; a selector that reaches no unit is refused (400 VALIDATION_FAILED naming it) */
                        selector?: {
                            /** @description only units whose level label is exactly this (commune is xã only: a city's units are ward); not with tier */
                            level?: string;
                            /** @description only units of this administrative tier whatever their kind: commune = xã, phường, thị trấn, đặc khu (levels commune, ward, township, special_zone); not with level */
                            tier?: "commune";
                            /** Format: uuid */
                            underOrganizationId: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            documentId: string;
                            edxmlDocumentId: string;
                            internal: number;
                            remote: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add attachments, or a new version of a file (field `replaces=<fileId>` with one file) */
        post: {
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
                    "multipart/form-data": {
                        /** @description Attachments, or with `replaces` exactly one file (any field name). At most 52428800 bytes (50 MiB) each, 20 files. Accepted: pdf, docx, xlsx, pptx, odt, ods, odp, doc, xls, ppt, png, jpg, jpeg, tif, tiff, gif, xml, edxml, txt (the type is read from the first bytes; the name's extension must agree). */
                        files: string[];
                        /**
                         * Format: uuid
                         * @description the id of the file the one file sent is a new version of
                         */
                        replaces?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            documentId: string;
                            files: {
                                /** Format: uuid */
                                assignmentId: string | null;
                                contentType: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                createdBy: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @description main, attachment or note (a handler’s working file, added with POST /assignments/:id/files) */
                                kind: string;
                                latest: boolean;
                                name: string;
                                originalName: string | null;
                                /** Format: uuid */
                                previousFileId: string | null;
                                sha256: string;
                                size: number;
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/files/{fileId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bytes of a file; supports a single Range (206). Inline only for PDF and raster images, a download otherwise */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    fileId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                206: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/files/{fileId}/signatures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The stored signature report of a document file */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    fileId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error?: string;
                            /** Format: uuid */
                            fileId: string;
                            signatures: {
                                byteRange: number[];
                                certificateHashValid: boolean;
                                chainTrusted: boolean;
                                coversWholeDocument: boolean;
                                field: string | null;
                                integrityValid: boolean;
                                laterChangesAreSignaturesOnly: boolean;
                                modifiedAfter: boolean;
                                problems: string[];
                                revision: number;
                                revisions: number;
                                signatureValid: boolean;
                                signedAt: string | null;
                                signer: string | null;
                                subFilter: string | null;
                                timeStamp: string | null;
                            }[];
                            /** Format: date-time */
                            verifiedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/files/{fileId}/signing-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Prepare an external signature (USB token, remote signing): answers what the device must sign. The same rules as server-side signing (the approved signer of an approved draft; a clerk of the owner sealing an issued document); the certificate must chain to the trust list and be the signer's */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    fileId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description base64 */
                        certificate: string;
                        chain?: string[];
                        kind: "signer" | "seal";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            digest: string;
                            /** Format: date-time */
                            expiresAt: string;
                            fieldName: string;
                            /** Format: uuid */
                            sessionId: string;
                            signedAttributes: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/issue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a signed outgoing document (clerk of the issuing organisation): number, notation and date from the outgoing register, then the agency seal (queued) */
        post: {
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
                        legalNormative?: boolean;
                        unitAbbreviation?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            /** Format: uuid */
                            documentId: string;
                            notation: string;
                            number: string;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            promulgationDate: string;
                            /** Format: uuid */
                            registerId: string;
                            registerName: string;
                            sealJobId: string;
                            /** Format: uuid */
                            signedFileId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/present": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Present a registered document to a leader of the receiving organisation */
        post: {
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
                        /** Format: uuid */
                        leaderUserId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            completedAt: string | null;
                            dueDate: string | null;
                            /** Format: uuid */
                            id: string;
                            incomingNumber: number | null;
                            overdueSince: string | null;
                            refusedReason: string | null;
                            registeredAt: string | null;
                            /** Format: uuid */
                            registeredBy: string | null;
                            /** Format: uuid */
                            registerId: string | null;
                            status: string;
                        } & {
                            presentationDueDate: string;
                            /** Format: uuid */
                            presentedTo: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/recall": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The recall (update, replace) pending on or answered for an incoming document */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answer: ("agreed" | "refused") | (never | null);
                            /** Format: date-time */
                            answeredAt: string | null;
                            answerReason: string | null;
                            /** @description 1 recall, 2 update, 3 replace */
                            businessType: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            documentId: string;
                            /** @description every request awaiting the answer of this copy (a recall and a notice can both be) */
                            pending: ("recall" | "update" | "replace")[];
                            reason: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Recall a sent document from every recipient (BussinessDocType 1) */
        post: {
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
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            documentId: string;
                            recipients: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/recall-answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer a recall of an incoming document: 15 agree, 16 refuse */
        post: {
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
                        accept: boolean;
                        /** @description what is answered: 1 the recall, 2 the update notice, 3 the replace notice (default: the pending recall, else the pending notice) */
                        businessType?: 1 | 2 | 3;
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answer: "agreed" | "refused";
                            /** @description 1 recall, 2 update, 3 replace */
                            businessType: number;
                            /** Format: uuid */
                            documentId: string;
                            statusCode: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/refuse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refuse a received document (wrong recipient, invalid) */
        post: {
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
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            completedAt: string | null;
                            dueDate: string | null;
                            /** Format: uuid */
                            id: string;
                            incomingNumber: number | null;
                            overdueSince: string | null;
                            refusedReason: string | null;
                            registeredAt: string | null;
                            /** Format: uuid */
                            registeredBy: string | null;
                            /** Format: uuid */
                            registerId: string | null;
                            status: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register a received incoming document: next incoming number (số đến) of the year (clerk of the receiving organisation)
         * @description The body is optional (empty, or {"dueDate": "YYYY-MM-DD" | null} to set or clear the document’s own deadline). A document whose deadline is past is not registered: 400 DEADLINE_IN_PAST (details.dueDate, details.today); today in Asia/Ho_Chi_Minh is allowed.
         */
        post: {
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
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        dueDate?: string | null;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            completedAt: string | null;
                            dueDate: string | null;
                            /** Format: uuid */
                            id: string;
                            incomingNumber: number | null;
                            overdueSince: string | null;
                            refusedReason: string | null;
                            registeredAt: string | null;
                            /** Format: uuid */
                            registeredBy: string | null;
                            /** Format: uuid */
                            registerId: string | null;
                            status: string;
                        } & {
                            registerName: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/sign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue the approved signer's signature of the approved version (202; the document becomes 'signed' when the job completes) */
        post: {
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
                        /** Format: uuid */
                        certificateId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorityPrefix: string | null;
                            /** Format: uuid */
                            documentId: string;
                            /** Format: uuid */
                            fileId: string;
                            jobId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Custody intervals (who held it, role, due, overrun), overdue records and audit events of a document, in time order */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            custody: {
                                allottedWorkingDays: number | null;
                                /** Format: uuid */
                                assignmentId: string | null;
                                dueDate: string | null;
                                endedAt: string | null;
                                /** Format: uuid */
                                holderUnitId: string | null;
                                holderUnitName: string | null;
                                /** Format: uuid */
                                holderUserId: string | null;
                                holderUserName: string | null;
                                /** Format: uuid */
                                id: string;
                                overrunWorkingDays: number | null;
                                role: string;
                                startedAt: string;
                            }[];
                            /** Format: uuid */
                            documentId: string;
                            entries: {
                                at: string;
                                custody?: {
                                    allottedWorkingDays: number | null;
                                    /** Format: uuid */
                                    assignmentId: string | null;
                                    dueDate: string | null;
                                    endedAt: string | null;
                                    /** Format: uuid */
                                    holderUnitId: string | null;
                                    holderUnitName: string | null;
                                    /** Format: uuid */
                                    holderUserId: string | null;
                                    holderUserName: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    overrunWorkingDays: number | null;
                                    role: string;
                                    startedAt: string;
                                };
                                event?: {
                                    action: string;
                                    /** Format: uuid */
                                    actorId: string | null;
                                    actorName: string | null;
                                    details: {
                                        [key: string]: unknown;
                                    };
                                    id: number;
                                    occurredAt: string;
                                };
                                kind: "custody" | "overdue" | "event";
                                overdue?: {
                                    /** Format: uuid */
                                    assignmentId: string | null;
                                    deadline: string;
                                    detectedAt: string;
                                    /** Format: uuid */
                                    holderUnitId: string | null;
                                    holderUnitName: string | null;
                                    /** Format: uuid */
                                    holderUserId: string | null;
                                    holderUserName: string | null;
                                    /** Format: uuid */
                                    id: string;
                                };
                            }[];
                            events: {
                                action: string;
                                /** Format: uuid */
                                actorId: string | null;
                                actorName: string | null;
                                details: {
                                    [key: string]: unknown;
                                };
                                id: number;
                                occurredAt: string;
                            }[];
                            overdue: {
                                /** Format: uuid */
                                assignmentId: string | null;
                                deadline: string;
                                detectedAt: string;
                                /** Format: uuid */
                                holderUnitId: string | null;
                                holderUnitName: string | null;
                                /** Format: uuid */
                                holderUserId: string | null;
                                holderUserName: string | null;
                                /** Format: uuid */
                                id: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tell every recipient the document was updated (BussinessDocType 2); answered 15/16
         * @description Remote recipients get the current files: refused with 409 SECRET_DOCUMENT_NOT_EXCHANGEABLE for a secret document with remote recipients.
         */
        post: {
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
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            documentId: string;
                            recipients: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/drafts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an outgoing draft: multipart with a `metadata` JSON field, the main PDF, then attachments */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /** @description The version: the first file part is the main file (a PDF), the others its attachments (any field name). At most 52428800 bytes (50 MiB) each, 20 files. Accepted: pdf, docx, xlsx, pptx, odt, ods, odp, doc, xls, ppt, png, jpg, jpeg, tif, tiff, gif, xml, edxml, txt (the type is read from the first bytes; the name's extension must agree). */
                        files: string[];
                        metadata: {
                            /** @enum {unknown} */
                            confidentiality?: "normal" | "secret" | "top_secret" | "absolute_secret";
                            note?: string;
                            /** Format: uuid */
                            organizationId?: string;
                            subject: string;
                            type: string;
                            /** @enum {unknown} */
                            urgency?: "normal" | "urgent" | "very_urgent" | "flash";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            approvedAt: string | null;
                            /** @enum {unknown} */
                            confidentiality: "normal" | "secret" | "top_secret" | "absolute_secret";
                            /** Format: date-time */
                            createdAt: string;
                            currentVersion: number;
                            /** Format: uuid */
                            drafterId: string;
                            /** Format: uuid */
                            draftingUnitId: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organizationId: string;
                            rejectedReason: string | null;
                            /** Format: uuid */
                            signerActingForId: string | null;
                            signerAuthority: ("TM." | "KT." | "TL." | "TUQ." | "Q.") | (never | null);
                            /** Format: uuid */
                            signerUserId: string | null;
                            /** @enum {unknown} */
                            status: "received" | "registered" | "refused" | "assigned" | "in_progress" | "completed" | "draft" | "in_approval" | "returned" | "approved" | "rejected" | "signed" | "issued" | "recalled";
                            subject: string;
                            type: string;
                            /** @enum {unknown} */
                            urgency: "normal" | "urgent" | "very_urgent" | "flash";
                            versions: {
                                attachments: {
                                    contentType: string;
                                    /** Format: uuid */
                                    id: string;
                                    kind: string;
                                    name: string;
                                    sha256: string;
                                    size: number;
                                }[];
                                /** Format: uuid */
                                authorId: string;
                                comments: {
                                    /** Format: uuid */
                                    authorId: string;
                                    /** Format: date-time */
                                    createdAt: string;
                                    /** Format: uuid */
                                    id: string;
                                    page: number | null;
                                    text: string;
                                    version: number;
                                }[];
                                /** Format: date-time */
                                createdAt: string;
                                mainFile: {
                                    contentType: string;
                                    /** Format: uuid */
                                    id: string;
                                    kind: string;
                                    name: string;
                                    sha256: string;
                                    size: number;
                                };
                                note: string | null;
                                version: number;
                            }[];
                            workflow: {
                                currentOrder: number | null;
                                draftVersion: number;
                                /** Format: date-time */
                                finishedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                round: number;
                                /** Format: date-time */
                                startedAt: string;
                                /** @enum {unknown} */
                                status: "running" | "returned" | "approved" | "rejected";
                                steps: {
                                    /** Format: date-time */
                                    activatedAt: string | null;
                                    approvers: {
                                        /** Format: uuid */
                                        actedBy: string | null;
                                        /** Format: uuid */
                                        actingForId: string | null;
                                        authorityPrefix: string | null;
                                        comment: string | null;
                                        /** Format: date-time */
                                        decidedAt: string | null;
                                        decision: ("approved" | "returned" | "rejected") | (never | null);
                                        fullName: string;
                                        /** Format: uuid */
                                        userId: string;
                                    }[];
                                    /** Format: date-time */
                                    completedAt: string | null;
                                    dueDate: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    isSigningStep: boolean;
                                    name: string;
                                    order: number;
                                    required: number | null;
                                    round: number;
                                    /** @enum {unknown} */
                                    status: "waiting" | "active" | "approved" | "returned" | "rejected" | "closed";
                                }[];
                                /** Format: uuid */
                                templateId: string;
                                templateVersion: number;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/drafts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A draft with its versions, comments and workflow */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            approvedAt: string | null;
                            /** @enum {unknown} */
                            confidentiality: "normal" | "secret" | "top_secret" | "absolute_secret";
                            /** Format: date-time */
                            createdAt: string;
                            currentVersion: number;
                            /** Format: uuid */
                            drafterId: string;
                            /** Format: uuid */
                            draftingUnitId: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organizationId: string;
                            rejectedReason: string | null;
                            /** Format: uuid */
                            signerActingForId: string | null;
                            signerAuthority: ("TM." | "KT." | "TL." | "TUQ." | "Q.") | (never | null);
                            /** Format: uuid */
                            signerUserId: string | null;
                            /** @enum {unknown} */
                            status: "received" | "registered" | "refused" | "assigned" | "in_progress" | "completed" | "draft" | "in_approval" | "returned" | "approved" | "rejected" | "signed" | "issued" | "recalled";
                            subject: string;
                            type: string;
                            /** @enum {unknown} */
                            urgency: "normal" | "urgent" | "very_urgent" | "flash";
                            versions: {
                                attachments: {
                                    contentType: string;
                                    /** Format: uuid */
                                    id: string;
                                    kind: string;
                                    name: string;
                                    sha256: string;
                                    size: number;
                                }[];
                                /** Format: uuid */
                                authorId: string;
                                comments: {
                                    /** Format: uuid */
                                    authorId: string;
                                    /** Format: date-time */
                                    createdAt: string;
                                    /** Format: uuid */
                                    id: string;
                                    page: number | null;
                                    text: string;
                                    version: number;
                                }[];
                                /** Format: date-time */
                                createdAt: string;
                                mainFile: {
                                    contentType: string;
                                    /** Format: uuid */
                                    id: string;
                                    kind: string;
                                    name: string;
                                    sha256: string;
                                    size: number;
                                };
                                note: string | null;
                                version: number;
                            }[];
                            workflow: {
                                currentOrder: number | null;
                                draftVersion: number;
                                /** Format: date-time */
                                finishedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                round: number;
                                /** Format: date-time */
                                startedAt: string;
                                /** @enum {unknown} */
                                status: "running" | "returned" | "approved" | "rejected";
                                steps: {
                                    /** Format: date-time */
                                    activatedAt: string | null;
                                    approvers: {
                                        /** Format: uuid */
                                        actedBy: string | null;
                                        /** Format: uuid */
                                        actingForId: string | null;
                                        authorityPrefix: string | null;
                                        comment: string | null;
                                        /** Format: date-time */
                                        decidedAt: string | null;
                                        decision: ("approved" | "returned" | "rejected") | (never | null);
                                        fullName: string;
                                        /** Format: uuid */
                                        userId: string;
                                    }[];
                                    /** Format: date-time */
                                    completedAt: string | null;
                                    dueDate: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    isSigningStep: boolean;
                                    name: string;
                                    order: number;
                                    required: number | null;
                                    round: number;
                                    /** @enum {unknown} */
                                    status: "waiting" | "active" | "approved" | "returned" | "rejected" | "closed";
                                }[];
                                /** Format: uuid */
                                templateId: string;
                                templateVersion: number;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/drafts/{id}/files/{fileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bytes of a file of any version of the draft */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    fileId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/drafts/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit for approval (or resubmit a returned draft after a new version) */
        post: {
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
                        /** Format: uuid */
                        templateId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            approvedAt: string | null;
                            /** @enum {unknown} */
                            confidentiality: "normal" | "secret" | "top_secret" | "absolute_secret";
                            /** Format: date-time */
                            createdAt: string;
                            currentVersion: number;
                            /** Format: uuid */
                            drafterId: string;
                            /** Format: uuid */
                            draftingUnitId: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organizationId: string;
                            rejectedReason: string | null;
                            /** Format: uuid */
                            signerActingForId: string | null;
                            signerAuthority: ("TM." | "KT." | "TL." | "TUQ." | "Q.") | (never | null);
                            /** Format: uuid */
                            signerUserId: string | null;
                            /** @enum {unknown} */
                            status: "received" | "registered" | "refused" | "assigned" | "in_progress" | "completed" | "draft" | "in_approval" | "returned" | "approved" | "rejected" | "signed" | "issued" | "recalled";
                            subject: string;
                            type: string;
                            /** @enum {unknown} */
                            urgency: "normal" | "urgent" | "very_urgent" | "flash";
                            versions: {
                                attachments: {
                                    contentType: string;
                                    /** Format: uuid */
                                    id: string;
                                    kind: string;
                                    name: string;
                                    sha256: string;
                                    size: number;
                                }[];
                                /** Format: uuid */
                                authorId: string;
                                comments: {
                                    /** Format: uuid */
                                    authorId: string;
                                    /** Format: date-time */
                                    createdAt: string;
                                    /** Format: uuid */
                                    id: string;
                                    page: number | null;
                                    text: string;
                                    version: number;
                                }[];
                                /** Format: date-time */
                                createdAt: string;
                                mainFile: {
                                    contentType: string;
                                    /** Format: uuid */
                                    id: string;
                                    kind: string;
                                    name: string;
                                    sha256: string;
                                    size: number;
                                };
                                note: string | null;
                                version: number;
                            }[];
                            workflow: {
                                currentOrder: number | null;
                                draftVersion: number;
                                /** Format: date-time */
                                finishedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                round: number;
                                /** Format: date-time */
                                startedAt: string;
                                /** @enum {unknown} */
                                status: "running" | "returned" | "approved" | "rejected";
                                steps: {
                                    /** Format: date-time */
                                    activatedAt: string | null;
                                    approvers: {
                                        /** Format: uuid */
                                        actedBy: string | null;
                                        /** Format: uuid */
                                        actingForId: string | null;
                                        authorityPrefix: string | null;
                                        comment: string | null;
                                        /** Format: date-time */
                                        decidedAt: string | null;
                                        decision: ("approved" | "returned" | "rejected") | (never | null);
                                        fullName: string;
                                        /** Format: uuid */
                                        userId: string;
                                    }[];
                                    /** Format: date-time */
                                    completedAt: string | null;
                                    dueDate: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    isSigningStep: boolean;
                                    name: string;
                                    order: number;
                                    required: number | null;
                                    round: number;
                                    /** @enum {unknown} */
                                    status: "waiting" | "active" | "approved" | "returned" | "rejected" | "closed";
                                }[];
                                /** Format: uuid */
                                templateId: string;
                                templateVersion: number;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/drafts/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a version (main PDF, then attachments; optional `metadata` {note}) while the draft is with its drafter */
        post: {
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
                    "multipart/form-data": {
                        /** @description The version: the first file part is the main file (a PDF), the others its attachments (any field name). At most 52428800 bytes (50 MiB) each, 20 files. Accepted: pdf, docx, xlsx, pptx, odt, ods, odp, doc, xls, ppt, png, jpg, jpeg, tif, tiff, gif, xml, edxml, txt (the type is read from the first bytes; the name's extension must agree). */
                        files: string[];
                        metadata?: {
                            note?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            approvedAt: string | null;
                            /** @enum {unknown} */
                            confidentiality: "normal" | "secret" | "top_secret" | "absolute_secret";
                            /** Format: date-time */
                            createdAt: string;
                            currentVersion: number;
                            /** Format: uuid */
                            drafterId: string;
                            /** Format: uuid */
                            draftingUnitId: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organizationId: string;
                            rejectedReason: string | null;
                            /** Format: uuid */
                            signerActingForId: string | null;
                            signerAuthority: ("TM." | "KT." | "TL." | "TUQ." | "Q.") | (never | null);
                            /** Format: uuid */
                            signerUserId: string | null;
                            /** @enum {unknown} */
                            status: "received" | "registered" | "refused" | "assigned" | "in_progress" | "completed" | "draft" | "in_approval" | "returned" | "approved" | "rejected" | "signed" | "issued" | "recalled";
                            subject: string;
                            type: string;
                            /** @enum {unknown} */
                            urgency: "normal" | "urgent" | "very_urgent" | "flash";
                            versions: {
                                attachments: {
                                    contentType: string;
                                    /** Format: uuid */
                                    id: string;
                                    kind: string;
                                    name: string;
                                    sha256: string;
                                    size: number;
                                }[];
                                /** Format: uuid */
                                authorId: string;
                                comments: {
                                    /** Format: uuid */
                                    authorId: string;
                                    /** Format: date-time */
                                    createdAt: string;
                                    /** Format: uuid */
                                    id: string;
                                    page: number | null;
                                    text: string;
                                    version: number;
                                }[];
                                /** Format: date-time */
                                createdAt: string;
                                mainFile: {
                                    contentType: string;
                                    /** Format: uuid */
                                    id: string;
                                    kind: string;
                                    name: string;
                                    sha256: string;
                                    size: number;
                                };
                                note: string | null;
                                version: number;
                            }[];
                            workflow: {
                                currentOrder: number | null;
                                draftVersion: number;
                                /** Format: date-time */
                                finishedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                round: number;
                                /** Format: date-time */
                                startedAt: string;
                                /** @enum {unknown} */
                                status: "running" | "returned" | "approved" | "rejected";
                                steps: {
                                    /** Format: date-time */
                                    activatedAt: string | null;
                                    approvers: {
                                        /** Format: uuid */
                                        actedBy: string | null;
                                        /** Format: uuid */
                                        actingForId: string | null;
                                        authorityPrefix: string | null;
                                        comment: string | null;
                                        /** Format: date-time */
                                        decidedAt: string | null;
                                        decision: ("approved" | "returned" | "rejected") | (never | null);
                                        fullName: string;
                                        /** Format: uuid */
                                        userId: string;
                                    }[];
                                    /** Format: date-time */
                                    completedAt: string | null;
                                    dueDate: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    isSigningStep: boolean;
                                    name: string;
                                    order: number;
                                    required: number | null;
                                    round: number;
                                    /** @enum {unknown} */
                                    status: "waiting" | "active" | "approved" | "returned" | "rejected" | "closed";
                                }[];
                                /** Format: uuid */
                                templateId: string;
                                templateVersion: number;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/drafts/{id}/versions/{n}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Comment on a version */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    n: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        page?: number;
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            authorId: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            page: number | null;
                            text: string;
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/agencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The national axis’s agency directory (ministries, other provinces…): active agencies whose name or code holds every word of q, with or without diacritics; for the dispatch recipient picker */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    /** @description words of the name or code, any order, with or without diacritics */
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description mã định danh: what a dispatch names as organId */
                                code: string;
                                mail: string | null;
                                name: string;
                                parentCode: string | null;
                                parentName: string | null;
                            }[];
                            nextCursor: string | null;
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/agencies/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register one of our organisations at the axis (registerAgency) under its parent; a deployment administrator only; audited */
        post: {
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
                        organizationId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            name: string;
                            parentCode: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/agencies/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Synchronise the whole agency directory with the axis now (getAgenciesList and getSynchronizeUnit; the nightly job asks only for what changed since); a deployment administrator only; audited */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description no longer listed: kept, inactive */
                            deactivated: number;
                            inserted: number;
                            /** @description agencies the axis listed (or reported deleted) */
                            listed: number;
                            /** @description full: getAgenciesList and getSynchronizeUnit; incremental: the units getSynchronizeUnit reports changed since the last sync */
                            mode: "full" | "incremental";
                            /** @description renamed, moved, or (re)activated / deactivated by getSynchronizeUnit */
                            updated: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/agencies/unregister": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remove one of our organisations from the axis (deleteAgency): the axis stops routing its code to us; a deployment administrator only; audited */
        post: {
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
                        organizationId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            name: string;
                            parentCode: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/axis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The national axis connector: settings (never the secret), the poller’s last state, what came and what waits to go */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            enabled: false;
                        } | {
                            agencyCodes: string[] | null;
                            /** @description deliveries through the axis by state */
                            deliveries: {
                                [key: string]: number;
                            };
                            /** @enum {boolean} */
                            enabled: true;
                            endpoint: string;
                            /** @description the polling worker’s state after its last poll (null: none yet, or Redis lost it) */
                            poller: {
                                /** @description items the axis listed at the last poll */
                                backlog: {
                                    edoc: number;
                                    status: number;
                                };
                                failures: number;
                                lastError: {
                                    at: string;
                                    docId?: string;
                                    message: string;
                                } | null;
                                lastPollAt: string | null;
                                lastSuccessAt: string | null;
                                leader: boolean;
                                polls: number;
                                received: number;
                                refused: number;
                            } | null;
                            pollIntervalMs: number;
                            received: {
                                lastAt: string | null;
                                refused: number;
                                total: number;
                                unacknowledged: number;
                            };
                            /** @description status packages owed through the axis by state */
                            statuses: {
                                [key: string]: number;
                            };
                            systemId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries (remote sends, internal fan-outs) that failed beyond the retry budget (admin) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                /** @description sent through the national axis: its transport state per recipient, polled by the connector; null otherwise */
                                axis: {
                                    /**
                                     * Format: date-time
                                     * @description when this deployment last asked the axis (getSentEdocList)
                                     */
                                    checkedAt: string | null;
                                    /** @description the DocId sendEdoc answered for the package carrying the document */
                                    docId: string;
                                    /** @description when the recipient took it, as the axis gives it (its clock and format) */
                                    receivedTime: string | null;
                                    /** @description the recipient's id of its copy at the axis */
                                    receiverDocId: string | null;
                                    /** @description the recipient's copy at the axis, in the axis's words (e.g. initial: not fetched yet; done: the recipient's software took it; fail: it refused it); null until the axis reports it */
                                    receiveStatus: string | null;
                                    receiveStatusDescription: string | null;
                                    sendStatus: string | null;
                                } | null;
                                /** Format: date-time */
                                deliveredAt: string | null;
                                history: {
                                    answer?: "agreed" | "refused";
                                    /** @description when it was recorded here (entries are in arrival order) */
                                    at: string;
                                    businessType?: number;
                                    /** @description a national status code (01…06, 13, 15, 16, or one a peer sent), never an internal marker */
                                    code?: string;
                                    description?: string | null;
                                    /**
                                     * @description status (a recipient's status), recall-requested (13), update-requested, replace-requested, recall-answered / update-answered / replace-answered (15, 16), withdrawn (recalled before it arrived), sent (businessType: 0 new, 1 recall, 2 update, 3 replacement), dead-lettered, replayed
                                     * @enum {unknown}
                                     */
                                    event: "status" | "recall-requested" | "update-requested" | "replace-requested" | "recall-answered" | "update-answered" | "replace-answered" | "withdrawn" | "sent" | "dead-lettered" | "replayed";
                                    /** @description what it means, in Vietnamese */
                                    label: string;
                                    /** @description a peer's status package: the time the package gives */
                                    statedAt?: string | null;
                                }[];
                                /** Format: uuid */
                                id: string;
                                kind: "internal" | "remote";
                                lastError: string | null;
                                noticeKind: ("update" | "replace") | (never | null);
                                noticeReason: string | null;
                                /** @description requested | agreed (15) | refused (16) */
                                noticeState: string | null;
                                recallReason: string | null;
                                /** @description recall (13): requested | agreed (15: the copy is withdrawn) | refused (16) */
                                recallState: string | null;
                                /** Format: uuid */
                                recipientDocumentId: string | null;
                                recipientName: string;
                                recipientOrganId: string | null;
                                /** Format: uuid */
                                recipientOrganizationId: string | null;
                                /** @description pending | delivered | dead (dead-letter list) | recalled (recalled before it reached the recipient: never delivered) */
                                state: string;
                                /** Format: date-time */
                                statusAt: string | null;
                                /** @description current edXML status: 01 arrived, 02 refused, 03 registered, 04 assigned, 05 in progress, 06 done; never goes back to an earlier step (02 and 03 are one step) when statuses arrive out of order */
                                statusCode: string | null;
                                /** @description the recipient's own words with the status (a refusal's reason) */
                                statusDescription: string | null;
                                /** @description the current status's Vietnamese name (Đã đến, Từ chối tiếp nhận, Đã tiếp nhận, Phân công, Đang xử lý, Hoàn thành) */
                                statusLabel: string | null;
                            }[];
                            nextCursor: string | null;
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/dead-letters/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a dead-lettered delivery again, as what it was (new, recall, update, replacement) (admin)
         * @description A remote copy of a secret document is not sent again (409 SECRET_DOCUMENT_NOT_EXCHANGEABLE); only a recall of it is.
         */
        post: {
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
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            /** @description sent through the national axis: its transport state per recipient, polled by the connector; null otherwise */
                            axis: {
                                /**
                                 * Format: date-time
                                 * @description when this deployment last asked the axis (getSentEdocList)
                                 */
                                checkedAt: string | null;
                                /** @description the DocId sendEdoc answered for the package carrying the document */
                                docId: string;
                                /** @description when the recipient took it, as the axis gives it (its clock and format) */
                                receivedTime: string | null;
                                /** @description the recipient's id of its copy at the axis */
                                receiverDocId: string | null;
                                /** @description the recipient's copy at the axis, in the axis's words (e.g. initial: not fetched yet; done: the recipient's software took it; fail: it refused it); null until the axis reports it */
                                receiveStatus: string | null;
                                receiveStatusDescription: string | null;
                                sendStatus: string | null;
                            } | null;
                            /** Format: date-time */
                            deliveredAt: string | null;
                            history: {
                                answer?: "agreed" | "refused";
                                /** @description when it was recorded here (entries are in arrival order) */
                                at: string;
                                businessType?: number;
                                /** @description a national status code (01…06, 13, 15, 16, or one a peer sent), never an internal marker */
                                code?: string;
                                description?: string | null;
                                /**
                                 * @description status (a recipient's status), recall-requested (13), update-requested, replace-requested, recall-answered / update-answered / replace-answered (15, 16), withdrawn (recalled before it arrived), sent (businessType: 0 new, 1 recall, 2 update, 3 replacement), dead-lettered, replayed
                                 * @enum {unknown}
                                 */
                                event: "status" | "recall-requested" | "update-requested" | "replace-requested" | "recall-answered" | "update-answered" | "replace-answered" | "withdrawn" | "sent" | "dead-lettered" | "replayed";
                                /** @description what it means, in Vietnamese */
                                label: string;
                                /** @description a peer's status package: the time the package gives */
                                statedAt?: string | null;
                            }[];
                            /** Format: uuid */
                            id: string;
                            kind: "internal" | "remote";
                            lastError: string | null;
                            noticeKind: ("update" | "replace") | (never | null);
                            noticeReason: string | null;
                            /** @description requested | agreed (15) | refused (16) */
                            noticeState: string | null;
                            recallReason: string | null;
                            /** @description recall (13): requested | agreed (15: the copy is withdrawn) | refused (16) */
                            recallState: string | null;
                            /** Format: uuid */
                            recipientDocumentId: string | null;
                            recipientName: string;
                            recipientOrganId: string | null;
                            /** Format: uuid */
                            recipientOrganizationId: string | null;
                            /** @description pending | delivered | dead (dead-letter list) | recalled (recalled before it reached the recipient: never delivered) */
                            state: string;
                            /** Format: date-time */
                            statusAt: string | null;
                            /** @description current edXML status: 01 arrived, 02 refused, 03 registered, 04 assigned, 05 in progress, 06 done; never goes back to an earlier step (02 and 03 are one step) when statuses arrive out of order */
                            statusCode: string | null;
                            /** @description the recipient's own words with the status (a refusal's reason) */
                            statusDescription: string | null;
                            /** @description the current status's Vietnamese name (Đã đến, Từ chối tiếp nhận, Đã tiếp nhận, Phân công, Đang xử lý, Hoàn thành) */
                            statusLabel: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/inbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an edXML package from a peer (HMAC-signed headers, body checked against the signed sha256); 202 with a receipt, 200 with the first receipt for the same package again; 400 for a refused header; 403 when it speaks for an agency not the peer's. The header is checked at once; the attachments are decoded and checked by the intake that follows, which answers a package refused then with status 02 and the reason */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            receiptId: string;
                            status: "accepted" | "processed" | "failed";
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            receiptId: string;
                            status: "accepted" | "processed" | "failed";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/peers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Exchange peers (without secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                agencyCodes: string[];
                                baseUrl: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                organId: string;
                                remotePeerId: string | null;
                                /** @description vanthu: our signed HTTP; axis: the national axis connector (AXIS_ENDPOINT), reaching every code neither ours nor a direct peer’s */
                                transport: "vanthu" | "axis";
                            }[];
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Register an exchange peer; its shared secret is shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the agencies the peer may speak for (From of its packages): exact mã định danh, or `*.<suffix>` for every code of a level-1 body (`*.H42`); never a unit of this deployment */
                        agencyCodes: string[];
                        /**
                         * Format: uri
                         * @description packages for the peer go to <baseUrl>/api/v1/exchange/inbound
                         */
                        baseUrl?: string | null;
                        name: string;
                        /** @description mã định danh of the remote system or agency */
                        organId: string;
                        /** @description the id under which the peer knows this deployment (required with baseUrl) */
                        remotePeerId?: string | null;
                        /** @description shared secret agreed with the peer; generated when absent */
                        secret?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            peer: {
                                active: boolean;
                                agencyCodes: string[];
                                baseUrl: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                organId: string;
                                remotePeerId: string | null;
                                /** @description vanthu: our signed HTTP; axis: the national axis connector (AXIS_ENDPOINT), reaching every code neither ours nor a direct peer’s */
                                transport: "vanthu" | "axis";
                            };
                            /** @description the shared HMAC secret; shown only in this answer */
                            secret: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
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
        /** The caller, with their roles */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            email: string | null;
                            fullName: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organizationId: string;
                            organizationName: string;
                            position: string | null;
                            roles: {
                                /** Format: uuid */
                                organizationId: string;
                                organizationName: string;
                                /** @description admin | clerk | leader | specialist */
                                role: "admin" | "clerk" | "leader" | "specialist";
                            }[];
                            username: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/work": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many items each of the caller’s work lists holds, and the other counts of a home page (one call, one statement) */
        get: {
            parameters: {
                query?: {
                    scope?: "mine" | "subtree";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                /** @description GET /assignments?scope=mine&status=open whose deadline falls within 3 calendar days (today included), not yet overdue */
                                assignedDueSoon: {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                                /** @description GET /assignments?scope=mine&status=open */
                                assignedOpen: {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                                /** @description GET /assignments?scope=mine&status=overdue */
                                assignedOverdue: {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                                /** @description GET /documents?direction=incoming&status=received: incoming documents of the organisations I clerk awaiting registration */
                                incomingReceived: {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                                /** @description GET /documents?direction=incoming&status=registered: registered, not yet presented or directed */
                                incomingRegistered: {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                                /** @description GET /assignments?scope=subtree&status=open (scope=subtree only, else null) */
                                subtreeOpen: {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                } | null;
                                /** @description GET /assignments?scope=subtree&status=overdue (scope=subtree only, else null) */
                                subtreeOverdue: {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                } | null;
                                /** @description GET /assignments?scope=unit&status=open */
                                unitOpen: {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                                /** @description GET /assignments?scope=unit&status=overdue */
                                unitOverdue: {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                            };
                            lists: {
                                approvals: {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                                "assigned-by-me": {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                                drafts: {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                                "extension-requests": {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                                notices: {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                                presented: {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                                "to-issue": {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                                "to-sign": {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                                "unregistered-recipients": {
                                    /** @description items matching the filters, across all pages */
                                    total: number;
                                    /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                                    totalIsEstimate: boolean;
                                };
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/work/{list}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the caller’s work lists, newest first, with its count */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    status?: "open" | "overdue" | "done";
                };
                header?: never;
                path: {
                    /** @description presented: documents presented to me (trình) and not yet directed; extension-requests: extension requests on assignments I gave, awaiting my decision; assigned-by-me: assignments I gave (status: open by default, overdue, done), with their state; drafts: my drafts not yet approved (draft, in approval, returned); approvals: approval steps awaiting my decision (mine, or a delegator’s within the delegation’s scope); to-sign: approved drafts awaiting my signature (as the named signer or their delegate); to-issue: signed documents of the organisations I clerk, awaiting issue; notices: recall, update and replace notices on incoming documents of the organisations I clerk, awaiting an answer; unregistered-recipients: documents my organisations sent that some recipient has not registered (nor refused) yet */
                    list: "presented" | "extension-requests" | "assigned-by-me" | "drafts" | "approvals" | "to-sign" | "to-issue" | "notices" | "unregistered-recipients";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                assignment: {
                                    /** Format: uuid */
                                    assigneeUnitId: string | null;
                                    assigneeUnitName: string | null;
                                    /** Format: uuid */
                                    assigneeUserId: string | null;
                                    assigneeUserName: string | null;
                                    dueDate: string | null;
                                    extensionReason: string | null;
                                    extensionRequestedDueDate: string | null;
                                    extensionStatus: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    overdue: boolean;
                                    role: string;
                                    status: string;
                                } | null;
                                /** Format: date-time */
                                at: string;
                                document: {
                                    code: string | null;
                                    direction: string;
                                    dueDate: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    issuerName: string | null;
                                    status: string;
                                    subject: string;
                                    type: string;
                                    urgency: string;
                                };
                                drafter: {
                                    fullName: string;
                                    /** Format: uuid */
                                    id: string;
                                } | null;
                                /** Format: uuid */
                                id: string;
                                notice: {
                                    kind: "recall" | "update" | "replace";
                                    reason: string | null;
                                } | null;
                                pendingRecipients: number | null;
                                presentationDueDate: string | null;
                                step: {
                                    /** Format: uuid */
                                    actingForId: string | null;
                                    dueDate: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    isSigningStep: boolean;
                                    name: string;
                                } | null;
                            }[];
                            nextCursor: string | null;
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Unit picker: the current units the caller may send to, assign to or name on an approval step */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    /** @description words of the name, abbreviation or code, with or without diacritics, in any order */
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                abbreviation: string | null;
                                code: string | null;
                                codeIsStandard: boolean;
                                depth: number;
                                /** Format: uuid */
                                id: string;
                                level: string;
                                name: string;
                                /** Format: uuid */
                                parentId: string | null;
                                validFrom: string;
                                validTo: string | null;
                            }[];
                            nextCursor: string | null;
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a unit under a parent the caller administers */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        abbreviation?: string;
                        code?: string;
                        /** @description a label: central, province, district, department, division; the commune tier uses commune (xã), ward (phường), township (thị trấn), special_zone (đặc khu) */
                        level: string;
                        name: string;
                        /** Format: uuid */
                        parentId: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        validFrom?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            abbreviation: string | null;
                            code: string | null;
                            codeIsStandard: boolean;
                            depth: number;
                            /** Format: uuid */
                            id: string;
                            level: string;
                            name: string;
                            /** Format: uuid */
                            parentId: string | null;
                            validFrom: string;
                            validTo: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An organisation with its ancestors, predecessors, successors and earlier names */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            abbreviation: string | null;
                            code: string | null;
                            codeIsStandard: boolean;
                            depth: number;
                            /** Format: uuid */
                            id: string;
                            level: string;
                            name: string;
                            /** Format: uuid */
                            parentId: string | null;
                            validFrom: string;
                            validTo: string | null;
                        } & {
                            ancestors: {
                                abbreviation: string | null;
                                code: string | null;
                                codeIsStandard: boolean;
                                depth: number;
                                /** Format: uuid */
                                id: string;
                                level: string;
                                name: string;
                                /** Format: uuid */
                                parentId: string | null;
                                validFrom: string;
                                validTo: string | null;
                            }[];
                            nameHistory: {
                                abbreviation: string | null;
                                code: string | null;
                                name: string;
                                validTo: string;
                            }[];
                            predecessors: {
                                code: string | null;
                                effectiveDate: string;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                name: string;
                            }[];
                            successors: {
                                code: string | null;
                                effectiveDate: string;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename or re-code a unit (the earlier values are kept in its history) */
        patch: {
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
                        abbreviation?: string | null;
                        code?: string | null;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        effectiveDate?: string;
                        /** @description a label: central, province, district, department, division; the commune tier uses commune (xã), ward (phường), township (thị trấn), special_zone (đặc khu) */
                        level?: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            abbreviation: string | null;
                            code: string | null;
                            codeIsStandard: boolean;
                            depth: number;
                            /** Format: uuid */
                            id: string;
                            level: string;
                            name: string;
                            /** Format: uuid */
                            parentId: string | null;
                            validFrom: string;
                            validTo: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/organizations/{id}/dissolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dissolve a unit into a named successor: its sub-units, staff and all its work move there, the unit ends and stays as a predecessor; answers the successor */
        post: {
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
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        effectiveDate?: string;
                        /** Format: uuid */
                        successorId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            abbreviation: string | null;
                            code: string | null;
                            codeIsStandard: boolean;
                            depth: number;
                            /** Format: uuid */
                            id: string;
                            level: string;
                            name: string;
                            /** Format: uuid */
                            parentId: string | null;
                            validFrom: string;
                            validTo: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a unit and its subtree under another parent */
        post: {
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
                        /** Format: uuid */
                        newParentId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            abbreviation: string | null;
                            code: string | null;
                            codeIsStandard: boolean;
                            depth: number;
                            /** Format: uuid */
                            id: string;
                            level: string;
                            name: string;
                            /** Format: uuid */
                            parentId: string | null;
                            validFrom: string;
                            validTo: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/subtree": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The unit and everything below it, depth-first, paginated */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    /** @description levels below the unit; absent = all */
                    depth?: number;
                    includeHistorical?: boolean;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                abbreviation: string | null;
                                code: string | null;
                                codeIsStandard: boolean;
                                depth: number;
                                /** Format: uuid */
                                id: string;
                                level: string;
                                name: string;
                                /** Format: uuid */
                                parentId: string | null;
                                validFrom: string;
                                validTo: string | null;
                            }[];
                            nextCursor: string | null;
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Merge units into an existing or a new unit: sub-units, staff and all their work (documents, open assignments, custody, drafts in flight) move, the sources stay as predecessors */
        post: {
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
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        effectiveDate?: string;
                        into: {
                            abbreviation?: string;
                            code?: string;
                            /** @description a label: central, province, district, department, division; the commune tier uses commune (xã), ward (phường), township (thị trấn), special_zone (đặc khu) */
                            level?: string;
                            name?: string;
                            /** Format: uuid */
                            organizationId?: string;
                            /** Format: uuid */
                            parentId?: string;
                        };
                        sourceIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            abbreviation: string | null;
                            code: string | null;
                            codeIsStandard: boolean;
                            depth: number;
                            /** Format: uuid */
                            id: string;
                            level: string;
                            name: string;
                            /** Format: uuid */
                            parentId: string | null;
                            validFrom: string;
                            validTo: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An organisation's registers (sổ văn bản) */
        get: {
            parameters: {
                query: {
                    direction?: "incoming" | "outgoing" | "internal";
                    organizationId: string;
                    year?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                confidentialities: string[] | null;
                                createdAt: string;
                                direction: "incoming" | "outgoing" | "internal";
                                /** Format: uuid */
                                id: string;
                                name: string;
                                nextNumber: number;
                                /** Format: uuid */
                                organizationId: string;
                                typeNames: string[] | null;
                                year: number;
                            }[];
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a register (admin or clerk of the organisation) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        confidentialities?: ("secret" | "top_secret" | "absolute_secret")[];
                        direction: "incoming" | "outgoing" | "internal";
                        name: string;
                        /** Format: uuid */
                        organizationId: string;
                        typeNames?: string[];
                        year: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            confidentialities: string[] | null;
                            createdAt: string;
                            direction: "incoming" | "outgoing" | "internal";
                            /** Format: uuid */
                            id: string;
                            name: string;
                            nextNumber: number;
                            /** Format: uuid */
                            organizationId: string;
                            typeNames: string[] | null;
                            year: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/accountability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who held late items: holders whose custody overran its allowance, ranked by working days beyond it
         * @description format=json (default) answers the ranking; xlsx or pdf the same rows as an attachment.
         */
        get: {
            parameters: {
                query: {
                    /** @description json (default); xlsx or pdf: the same rows as an attachment (PDF A4 landscape) */
                    format?: "json" | "xlsx" | "pdf";
                    /** @description YYYY-MM-DD */
                    from: string;
                    /** @description child: the direct children of the organisation (and the organisation itself); unit: every unit of the subtree; person: the accountable people */
                    groupBy?: "child" | "unit" | "person";
                    limit?: number;
                    organizationId: string;
                    /** @description YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            from: string;
                            /** @description child: the direct children of the organisation (and the organisation itself); unit: every unit of the subtree; person: the accountable people */
                            groupBy: "child" | "unit" | "person";
                            organization: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            };
                            rows: ({
                                documents: number;
                                intervals: number;
                                organization: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                };
                                /** @description working days beyond the holders’ allowances, summed */
                                overrunWorkingDays: number;
                            } | {
                                documents: number;
                                intervals: number;
                                /** @description working days beyond the holders’ allowances, summed */
                                overrunWorkingDays: number;
                                person: {
                                    fullName: string;
                                    /** Format: uuid */
                                    id: string;
                                } | null;
                            })[];
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            to: string;
                        } | string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/accountability/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The late custody intervals behind one row of the accountability ranking, most working days beyond the allowance first */
        get: {
            parameters: {
                query: {
                    cursor?: string;
                    /** @description YYYY-MM-DD */
                    from: string;
                    limit?: number;
                    organizationId: string;
                    /** @description a person row of the ranking; 00000000-0000-0000-0000-000000000000 for custody held by a unit, no person named */
                    personId?: string;
                    /** @description YYYY-MM-DD */
                    to: string;
                    /** @description a unit row of groupBy=unit (or the organisation’s own row of groupBy=child): custody held in that unit itself; a child’s row of groupBy=child is organizationId=<the child> */
                    unitId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description the holder’s allowance in working days */
                                allottedWorkingDays: number | null;
                                /** Format: uuid */
                                documentId: string;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                dueOn: string;
                                /**
                                 * Format: date-time
                                 * @description null: still held
                                 */
                                endedAt: string | null;
                                holder: {
                                    person: {
                                        fullName: string;
                                        /** Format: uuid */
                                        id: string;
                                    } | null;
                                    unit: {
                                        /** Format: uuid */
                                        id: string;
                                        name: string;
                                    } | null;
                                };
                                /** Format: uuid */
                                intervalId: string;
                                notation: string | null;
                                number: string | null;
                                /** @description working days beyond the allowance (for a custody still held: as of the last overdue sweep) */
                                overrunWorkingDays: number;
                                /** @description true: the caller may not open this document (confidential, or outside what the document rule lets them see); it is counted, its number, notation, subject and issuer are left out */
                                restricted: boolean;
                                /** @description clerk (registering), leader (directing), lead, coordinate (handling) */
                                role: string;
                                /** Format: date-time */
                                startedAt: string;
                                subject: string | null;
                            }[];
                            nextCursor: string | null;
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/handling": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Handling report (tình hình giải quyết văn bản đến) of an organisation subtree for a period, per child unit, unit or person (leaders and administrators over it)
         * @description format=json (default) answers the report; xlsx or pdf the same rows and a total row as an attachment.
         */
        get: {
            parameters: {
                query: {
                    /** @description json (default); xlsx or pdf: the same rows as an attachment (PDF A4 landscape) */
                    format?: "json" | "xlsx" | "pdf";
                    /** @description YYYY-MM-DD */
                    from: string;
                    /** @description child: the direct children of the organisation (and the organisation itself); unit: every unit of the subtree; person: the accountable people */
                    groupBy?: "child" | "unit" | "person";
                    organizationId: string;
                    /** @description YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            from: string;
                            /** @description child: the direct children of the organisation (and the organisation itself); unit: every unit of the subtree; person: the accountable people */
                            groupBy: "child" | "unit" | "person";
                            organization: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            };
                            rows: ({
                                carriedOver: number;
                                doneLate: number;
                                doneOnTime: number;
                                /** @description a percentage rounded to 0.01; 0 when its base is 0 */
                                lateRate: number;
                                /** @description a percentage rounded to 0.01; 0 when its base is 0 */
                                onTimeRate: number;
                                openInTime: number;
                                openOverdue: number;
                                organization: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                };
                                /** @description a percentage rounded to 0.01; 0 when its base is 0 */
                                overdueRate: number;
                                received: number;
                                toHandle: number;
                            } | {
                                carriedOver: number;
                                doneLate: number;
                                doneOnTime: number;
                                /** @description a percentage rounded to 0.01; 0 when its base is 0 */
                                lateRate: number;
                                /** @description a percentage rounded to 0.01; 0 when its base is 0 */
                                onTimeRate: number;
                                openInTime: number;
                                openOverdue: number;
                                /** @description a percentage rounded to 0.01; 0 when its base is 0 */
                                overdueRate: number;
                                person: {
                                    fullName: string;
                                    /** Format: uuid */
                                    id: string;
                                } | null;
                                received: number;
                                toHandle: number;
                            })[];
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            to: string;
                            total: {
                                carriedOver: number;
                                doneLate: number;
                                doneOnTime: number;
                                /** @description a percentage rounded to 0.01; 0 when its base is 0 */
                                lateRate: number;
                                /** @description a percentage rounded to 0.01; 0 when its base is 0 */
                                onTimeRate: number;
                                openInTime: number;
                                openOverdue: number;
                                /** @description a percentage rounded to 0.01; 0 when its base is 0 */
                                overdueRate: number;
                                received: number;
                                toHandle: number;
                            };
                        } | string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/handling/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The documents behind one figure of a handling report row (its category, for a subtree, a unit or a person), keyset-paged
         * @description The same items, definitions and period as GET /reports/handling: the total is the figure of that row. Ordered by deadline (open items), completion (done) or registration (carried over, received).
         */
        get: {
            parameters: {
                query: {
                    /** @description the figure of the handling report whose documents are listed (its definition in the report) */
                    category: "carriedOver" | "received" | "doneOnTime" | "doneLate" | "openInTime" | "openOverdue";
                    cursor?: string;
                    /** @description YYYY-MM-DD */
                    from: string;
                    limit?: number;
                    organizationId: string;
                    /** @description a person row of groupBy=person: the items that person leads; 00000000-0000-0000-0000-000000000000 for the row "no named person" */
                    personId?: string;
                    /** @description YYYY-MM-DD */
                    to: string;
                    /** @description a unit row of groupBy=unit (or the organisation’s own row of groupBy=child): the items accountable to that unit itself; a child’s row of groupBy=child is organizationId=<the child> */
                    unitId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                documentId: string;
                                doneLate: boolean | null;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                doneOn: string | null;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                dueOn: string | null;
                                /** @description số đến */
                                incomingNumber: number | null;
                                /** @description cơ quan ban hành */
                                issuerName: string | null;
                                /** @description ký hiệu */
                                notation: string | null;
                                /** @description số */
                                number: string | null;
                                person: {
                                    fullName: string;
                                    /** Format: uuid */
                                    id: string;
                                } | null;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                receivedOn: string;
                                /** @description true: the caller may not open this document (confidential, or outside what the document rule lets them see); it is counted, its number, notation, subject and issuer are left out */
                                restricted: boolean;
                                /** @description trích yếu */
                                subject: string | null;
                                typeName: string | null;
                                unit: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                };
                            }[];
                            nextCursor: string | null;
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/overdue-units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The units of an organisation subtree holding the most documents overdue today, most first (a leader's home; counted as the handling report's openOverdue) */
        get: {
            parameters: {
                query: {
                    /** @description how many units (default 5) */
                    limit?: number;
                    organizationId: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            asOf: string;
                            organization: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            };
                            rows: {
                                openOverdue: number;
                                organization: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/register-closings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An organisation's closed registers, latest period first */
        get: {
            parameters: {
                query: {
                    organizationId: string;
                    /** @description incoming: Sổ đăng ký văn bản đến; outgoing: Sổ đăng ký văn bản đi; incoming-tracking: Sổ theo dõi giải quyết văn bản đến (Decree 30/2020, Phụ lục IV) */
                    register?: "incoming" | "outgoing" | "incoming-tracking";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                certificateId: string;
                                /** Format: date-time */
                                closedAt: string;
                                closedBy: {
                                    fullName: string | null;
                                    /** Format: uuid */
                                    id: string;
                                };
                                fileName: string;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                from: string;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                organizationId: string;
                                /** @description incoming: Sổ đăng ký văn bản đến; outgoing: Sổ đăng ký văn bản đi; incoming-tracking: Sổ theo dõi giải quyết văn bản đến (Decree 30/2020, Phụ lục IV) */
                                register: "incoming" | "outgoing" | "incoming-tracking";
                                rowCount: number;
                                sha256: string;
                                size: number;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                to: string;
                            }[];
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/register-closings/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sealed PDF of a closed register (attachment) */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/registers/{register}/closings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a register for a period (đóng sổ): its PDF sealed with the agency's seal (PAdES) and stored; the organisation's clerks only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description incoming: Sổ đăng ký văn bản đến; outgoing: Sổ đăng ký văn bản đi; incoming-tracking: Sổ theo dõi giải quyết văn bản đến (Decree 30/2020, Phụ lục IV) */
                    register: "incoming" | "outgoing" | "incoming-tracking";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        from: string;
                        /** Format: uuid */
                        organizationId: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        to: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            certificateId: string;
                            /** Format: date-time */
                            closedAt: string;
                            closedBy: {
                                fullName: string | null;
                                /** Format: uuid */
                                id: string;
                            };
                            fileName: string;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            from: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organizationId: string;
                            /** @description incoming: Sổ đăng ký văn bản đến; outgoing: Sổ đăng ký văn bản đi; incoming-tracking: Sổ theo dõi giải quyết văn bản đến (Decree 30/2020, Phụ lục IV) */
                            register: "incoming" | "outgoing" | "incoming-tracking";
                            rowCount: number;
                            sha256: string;
                            size: number;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            to: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/registers/incoming": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sổ đăng ký văn bản đến: incoming documents registered in the period, in số đến order (Decree 30/2020 Phụ lục IV); the organisation's clerks and the leaders over it
         * @description format=json (default) answers one page of rows, one field per Phụ lục IV column (`columns` gives the official headings); format=xlsx or pdf answers the whole register as an attachment (A4 landscape in PDF).
         */
        get: {
            parameters: {
                query: {
                    /** @description json: nextCursor of the previous page */
                    cursor?: string;
                    /** @description json (default, one page of rows); xlsx or pdf: the whole register as an attachment */
                    format?: "json" | "xlsx" | "pdf";
                    /** @description YYYY-MM-DD */
                    from: string;
                    /** @description json: rows per page (default 200) */
                    limit?: number;
                    organizationId: string;
                    registerId?: string;
                    /** @description YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                key: string;
                                title: string;
                            }[];
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            from: string;
                            nextCursor: string | null;
                            organization: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            };
                            /** @description incoming: Sổ đăng ký văn bản đến; outgoing: Sổ đăng ký văn bản đi; incoming-tracking: Sổ theo dõi giải quyết văn bản đến (Decree 30/2020, Phụ lục IV) */
                            register: "incoming" | "outgoing" | "incoming-tracking";
                            rows: {
                                /** Format: uuid */
                                documentId: string;
                                donViNguoiNhan: string | null;
                                ghiChu: string | null;
                                kyNhan: {
                                    /** Format: date-time */
                                    at: string;
                                    /** @description who acknowledged (the lead holder; for outgoing, the recipient) */
                                    by: string;
                                } | null;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                ngayChuyen: string | null;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                ngayDen: string | null;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                ngayThangVanBan: string | null;
                                soDen: number | null;
                                soKyHieu: string | null;
                                tacGia: string | null;
                                tenLoaiTrichYeu: string | null;
                            }[];
                            title: string;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            to: string;
                        } | string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/registers/incoming-tracking": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sổ theo dõi giải quyết văn bản đến: incoming documents of the period with deadline, progress and reply (Decree 30/2020 Phụ lục IV); the organisation's clerks and the leaders over it
         * @description format=json (default) answers one page of rows, one field per Phụ lục IV column (`columns` gives the official headings); format=xlsx or pdf answers the whole register as an attachment (A4 landscape in PDF).
         */
        get: {
            parameters: {
                query: {
                    /** @description json: nextCursor of the previous page */
                    cursor?: string;
                    /** @description json (default, one page of rows); xlsx or pdf: the whole register as an attachment */
                    format?: "json" | "xlsx" | "pdf";
                    /** @description YYYY-MM-DD */
                    from: string;
                    /** @description json: rows per page (default 200) */
                    limit?: number;
                    organizationId: string;
                    registerId?: string;
                    /** @description YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                key: string;
                                title: string;
                            }[];
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            from: string;
                            nextCursor: string | null;
                            organization: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            };
                            /** @description incoming: Sổ đăng ký văn bản đến; outgoing: Sổ đăng ký văn bản đi; incoming-tracking: Sổ theo dõi giải quyết văn bản đến (Decree 30/2020, Phụ lục IV) */
                            register: "incoming" | "outgoing" | "incoming-tracking";
                            rows: {
                                /** Format: uuid */
                                documentId: string;
                                donViNguoiNhan: string | null;
                                ghiChu: string | null;
                                soDen: number | null;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                thoiHan: string | null;
                                tienDo: string | null;
                                vanBan: string | null;
                                vanBanTraLoi: string | null;
                            }[];
                            title: string;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            to: string;
                        } | string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/registers/outgoing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sổ đăng ký văn bản đi: documents issued in the period, in number order (Decree 30/2020 Phụ lục IV); the organisation's clerks and the leaders over it
         * @description format=json (default) answers one page of rows, one field per Phụ lục IV column (`columns` gives the official headings); format=xlsx or pdf answers the whole register as an attachment (A4 landscape in PDF).
         */
        get: {
            parameters: {
                query: {
                    /** @description json: nextCursor of the previous page */
                    cursor?: string;
                    /** @description json (default, one page of rows); xlsx or pdf: the whole register as an attachment */
                    format?: "json" | "xlsx" | "pdf";
                    /** @description YYYY-MM-DD */
                    from: string;
                    /** @description json: rows per page (default 200) */
                    limit?: number;
                    organizationId: string;
                    registerId?: string;
                    /** @description YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                key: string;
                                title: string;
                            }[];
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            from: string;
                            nextCursor: string | null;
                            organization: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            };
                            /** @description incoming: Sổ đăng ký văn bản đến; outgoing: Sổ đăng ký văn bản đi; incoming-tracking: Sổ theo dõi giải quyết văn bản đến (Decree 30/2020, Phụ lục IV) */
                            register: "incoming" | "outgoing" | "incoming-tracking";
                            rows: {
                                /** Format: uuid */
                                documentId: string;
                                donViLuuBan: string | null;
                                ghiChu: string | null;
                                kyNhan: {
                                    /** Format: date-time */
                                    at: string;
                                    /** @description who acknowledged (the lead holder; for outgoing, the recipient) */
                                    by: string;
                                }[];
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                ngayChuyen: string | null;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                ngayThangVanBan: string | null;
                                nguoiKy: string | null;
                                noiNhan: string | null;
                                soKyHieu: string | null;
                                soLuongBan: number;
                                tenLoaiTrichYeu: string | null;
                            }[];
                            title: string;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            to: string;
                        } | string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/sent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sender's view: the copies an organisation subtree sent in a period, per recipient level or recipient: not yet registered, being handled, finished, refused, late (leaders and administrators over it)
         * @description format=json (default) answers the report; xlsx or pdf the same rows and a total row as an attachment.
         */
        get: {
            parameters: {
                query: {
                    /** @description json (default); xlsx or pdf: the same rows as an attachment (PDF A4 landscape) */
                    format?: "json" | "xlsx" | "pdf";
                    /** @description YYYY-MM-DD */
                    from: string;
                    /** @description level (default): per recipient level; recipient: per recipient (an organisation here, or a remote organ code) */
                    groupBy?: "level" | "recipient";
                    organizationId: string;
                    /** @description YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            from: string;
                            groupBy: "level" | "recipient";
                            organization: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                            };
                            rows: {
                                /** @description handled (status 06) */
                                finished: number;
                                /** @description registered, being handled (status 03, 04, 05) */
                                inProgress: number;
                                /** @description of the copies not refused: finished after their deadline, or open past it */
                                late: number;
                                /** @description central: a central body (organ code G..); province: the province or a body of it (its departments, organ code H..); district; commune (a ward too); other: none of these */
                                level: "central" | "province" | "district" | "commune" | "other";
                                /** @description not yet registered by the recipient (queued, arrived, failed) */
                                notRegistered: number;
                                recipient?: {
                                    /** @description the remote recipient’s organ code (mã định danh) */
                                    code: string | null;
                                    name: string;
                                    /** Format: uuid */
                                    organizationId: string | null;
                                };
                                /** @description refused by the recipient (status 02) */
                                refused: number;
                                /** @description copies sent in the period = notRegistered + inProgress + finished + refused */
                                sent: number;
                            }[];
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            to: string;
                            total: {
                                /** @description handled (status 06) */
                                finished: number;
                                /** @description registered, being handled (status 03, 04, 05) */
                                inProgress: number;
                                /** @description of the copies not refused: finished after their deadline, or open past it */
                                late: number;
                                /** @description not yet registered by the recipient (queued, arrived, failed) */
                                notRegistered: number;
                                /** @description refused by the recipient (status 02) */
                                refused: number;
                                /** @description copies sent in the period = notRegistered + inProgress + finished + refused */
                                sent: number;
                            };
                        } | string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/signatures/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify every signature of an uploaded PDF (multipart, one file) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /**
                         * Format: binary
                         * @description The PDF to verify (any field name). At most 52428800 bytes (50 MiB). Accepted: pdf.
                         */
                        file: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            signatures: {
                                byteRange: number[];
                                certificateHashValid: boolean;
                                chainTrusted: boolean;
                                coversWholeDocument: boolean;
                                field: string | null;
                                integrityValid: boolean;
                                laterChangesAreSignaturesOnly: boolean;
                                modifiedAfter: boolean;
                                problems: string[];
                                revision: number;
                                revisions: number;
                                signatureValid: boolean;
                                signedAt: string | null;
                                signer: string | null;
                                subFilter: string | null;
                                timeStamp: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/signing-sessions/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Complete an external signature with the device's signature value; answers the new file version */
        post: {
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
                        /** @description base64 */
                        signature: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            documentId: string;
                            fieldName: string;
                            /** Format: uuid */
                            fileId: string;
                            kind: "signer" | "seal";
                            name: string;
                            /** Format: uuid */
                            previousFileId: string;
                            sha256: string;
                            /** Format: date-time */
                            signedAt: string;
                            size: number;
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** People picker: who the caller may present to, assign to or name on an approval step (an administrator: also everyone in their subtrees) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    organizationId?: string;
                    /** @description words of the name or position, with or without diacritics, in any order (an administrator: also a username) */
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description administrators only */
                                active?: boolean;
                                /** @description administrators only */
                                email?: string | null;
                                fullName: string;
                                /** Format: uuid */
                                id: string;
                                organization: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                };
                                /** Format: uuid */
                                organizationId?: string;
                                organizationName?: string;
                                /** @description administrators only (the same as title) */
                                position?: string | null;
                                roles: {
                                    /** Format: uuid */
                                    organizationId: string;
                                    organizationName: string;
                                    /** @description admin | clerk | leader | specialist */
                                    role: "admin" | "clerk" | "leader" | "specialist";
                                }[];
                                title: string | null;
                                /** @description administrators only */
                                username?: string;
                            }[];
                            nextCursor: string | null;
                            /** @description items matching the filters, across all pages */
                            total: number;
                            /** @description true: total is the database planner’s estimate (more than 10,000 matches), not an exact count */
                            totalIsEstimate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a user in a unit the caller administers */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email?: string;
                        fullName: string;
                        /** Format: uuid */
                        organizationId: string;
                        password: string;
                        position?: string;
                        roles?: {
                            /** Format: uuid */
                            organizationId: string;
                            /** @description admin | clerk | leader | specialist */
                            role: "admin" | "clerk" | "leader" | "specialist";
                        }[];
                        /** @description 3-64 letters, digits, dot, dash, underscore */
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            email: string | null;
                            fullName: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organizationId: string;
                            organizationName: string;
                            position: string | null;
                            roles: {
                                /** Format: uuid */
                                organizationId: string;
                                organizationName: string;
                                /** @description admin | clerk | leader | specialist */
                                role: "admin" | "clerk" | "leader" | "specialist";
                            }[];
                            username: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user the caller administers (or the caller) */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            email: string | null;
                            fullName: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organizationId: string;
                            organizationName: string;
                            position: string | null;
                            roles: {
                                /** Format: uuid */
                                organizationId: string;
                                organizationName: string;
                                /** @description admin | clerk | leader | specialist */
                                role: "admin" | "clerk" | "leader" | "specialist";
                            }[];
                            username: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a user; a new password or deactivation revokes their tokens */
        patch: {
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
                        active?: boolean;
                        /** Format: email */
                        email?: string | null;
                        fullName?: string;
                        /** Format: uuid */
                        organizationId?: string;
                        password?: string;
                        position?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            email: string | null;
                            fullName: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organizationId: string;
                            organizationName: string;
                            position: string | null;
                            roles: {
                                /** Format: uuid */
                                organizationId: string;
                                organizationName: string;
                                /** @description admin | clerk | leader | specialist */
                                role: "admin" | "clerk" | "leader" | "specialist";
                            }[];
                            username: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users/{id}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace the roles of a user */
        put: {
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
                        roles: {
                            /** Format: uuid */
                            organizationId: string;
                            /** @description admin | clerk | leader | specialist */
                            role: "admin" | "clerk" | "leader" | "specialist";
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            email: string | null;
                            fullName: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            organizationId: string;
                            organizationName: string;
                            position: string | null;
                            roles: {
                                /** Format: uuid */
                                organizationId: string;
                                organizationName: string;
                                /** @description admin | clerk | leader | specialist */
                                role: "admin" | "clerk" | "leader" | "specialist";
                            }[];
                            username: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable error code (see src/lib/errors.ts) */
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                                requestId: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                [key: string]: {
                                    error?: string;
                                    ms: number;
                                    ok: boolean;
                                };
                            };
                            detail?: {
                                axis: {
                                    enabled: boolean;
                                    lastError?: {
                                        at: string;
                                        message: string;
                                    } | null;
                                    lastPollAt?: string | null;
                                    lastSuccessAt?: string | null;
                                };
                            };
                            status: "ready" | "unavailable";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                [key: string]: {
                                    error?: string;
                                    ms: number;
                                    ok: boolean;
                                };
                            };
                            detail?: {
                                axis: {
                                    enabled: boolean;
                                    lastError?: {
                                        at: string;
                                        message: string;
                                    } | null;
                                    lastPollAt?: string | null;
                                    lastSuccessAt?: string | null;
                                };
                            };
                            status: "ready" | "unavailable";
                        };
                    };
                };
            };
        };
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
        /** ErrorResponse */
        "def-0": {
            error: {
                /** @description stable error code (see src/lib/errors.ts) */
                code: string;
                details?: {
                    [key: string]: unknown;
                };
                message: string;
                requestId: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
