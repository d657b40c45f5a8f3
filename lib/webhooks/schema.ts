import { z } from "zod";
import { paginationQuery } from "@/lib/api/pagination";
import { SUBSCRIBABLE_EVENTS } from "./event-types";

// The inputs of the webhooks service, shared by the API, the Settings form and the OpenAPI document.
// Browser-safe (zod only): whether the URL's host is a private address is checked by the service
// (lib/webhooks/url.ts, node's address tables), and again by the sender when it resolves the name.

export const MAX_URL_LENGTH = 2000;
export const MAX_DESCRIPTION_LENGTH = 500;

export const webhookUrl = z
  .string({ error: "url must be text." })
  .trim()
  .min(1, "Enter the URL to send events to.")
  .max(MAX_URL_LENGTH, `The URL can have at most ${MAX_URL_LENGTH} characters.`)
  .superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full URL, like https://example.com/stint-webhook." });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") ctx.addIssue({ code: "custom", message: "The URL must start with https:// or http://." });
    // It would be stored and shown in clear: receivers authenticate Stint by the Stint-Signature header.
    else if (url.username || url.password) ctx.addIssue({ code: "custom", message: "Leave the user name and password out of the URL: check the Stint-Signature header instead." });
  })
  .describe("Where deliveries are POSTed: an https (or http) URL of a public host, at most 2000 characters");

const eventName = z.enum(SUBSCRIBABLE_EVENTS, { error: `Each event must be one of ${SUBSCRIBABLE_EVENTS.join(", ")}.` });

export const webhookEvents = z
  .array(eventName, { error: "events must be a list of event names." })
  .min(1, "Choose at least one event (or * for all).")
  .max(SUBSCRIBABLE_EVENTS.length * 4, "Too many events.")
  .transform((events) => [...new Set(events)])
  .describe(`The events to receive: any of ${SUBSCRIBABLE_EVENTS.join(", ")} (* is every event)`);

const description = z
  .union([z.string({ error: "description must be text." }).trim().max(MAX_DESCRIPTION_LENGTH, `Description: use at most ${MAX_DESCRIPTION_LENGTH} characters.`), z.null()], {
    error: "description must be text.",
  })
  .transform((v) => v ?? "")
  .describe("What the endpoint is for (at most 500 characters)");

export const createWebhookSchema = z.object({
  url: webhookUrl,
  events: webhookEvents,
  description: description.optional(),
});

export const updateWebhookSchema = z.object({
  url: webhookUrl.optional(),
  events: webhookEvents.optional(),
  description: description.optional(),
  active: z.boolean({ error: "active must be true or false." }).optional().describe("false pauses deliveries; true re-activates a deactivated endpoint (and forgets why it was)"),
});

export const DELIVERY_STATUSES = ["pending", "retrying", "succeeded", "failed"] as const;

export const listDeliveriesQuery = paginationQuery.extend({
  status: z.enum(DELIVERY_STATUSES, { error: `status must be one of ${DELIVERY_STATUSES.join(", ")}.` }).optional().describe("Only deliveries in this state"),
});

export type CreateWebhookInput = z.input<typeof createWebhookSchema>;
export type UpdateWebhookInput = z.input<typeof updateWebhookSchema>;
export type ListDeliveriesQuery = z.input<typeof listDeliveriesQuery>;
