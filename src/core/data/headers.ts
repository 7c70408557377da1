import { OVERRIDE_HEADER } from '../output';
import type { Role } from '../types';

/**
 * The header dictionary: for each role, the column names that mean it, best first.
 *
 * Names are compared case-, space-, accent- and punctuation-insensitively, so `Clicked At`,
 * `clicked_at` and `CLICKED-AT` are one entry (and listed once). JSON exports arrive flattened with
 * dots (`click.timestamp`). A column matches an entry by its whole name, or else by the last part of
 * a dotted name (`client-info.user-agent` is a user agent); a whole-name match always wins, which is
 * what tells SES's `click.timestamp` (click) from `mail.timestamp` (send).
 *
 * A name appears under one role only (a test checks this), so a column can only ever mean one thing.
 */
export const HEADER_NAMES: Readonly<Record<Role, readonly string[]>> = {
  recipient: [
    // e-mail addresses first: they are what a marketer recognises
    'email', 'email_address', 'recipient', 'recipient email', 'recipient address', 'rcpt_to', 'raw_rcpt_to',
    'subscriber.email', 'contact email', 'msg.email', 'mail.destination', 'mail.commonHeaders.to',
    'profile.email', 'to',
    'E-Mail-Adresse', 'Empfänger', 'Empfänger-E-Mail', 'E-Mail des Empfängers',
    'Adresse e-mail', 'Adresse électronique', 'Courriel', 'Destinataire', 'E-mail du destinataire',
    'Correo electrónico', 'Dirección de correo electrónico', 'Correo', 'Destinatario',
    'E-mailadres', 'Ontvanger',
    // then contact ids, for exports that carry no address (Mautic, Klaviyo)
    'contact_id', 'subscriber_id', 'lead_id', 'mj_contact_id', 'relationships.profile.data.id',
    'profile id', 'member id', 'person_id', 'customer_id', 'hit.lead.id', 'lead.id', 'subscriber.id',
    'external_user_id', 'user_id', 'subscriber', 'contact',
    'Kontakt', 'Abonnent', 'Abonné', 'Suscriptor', 'Contacto', 'Abonnee',
  ],
  time: [
    // the click time by its provider's name: SES, Mailchimp, Brevo, Mautic, Constant Contact V3
    // and V2, Postmark, Klaviyo
    'click.timestamp', 'activity.timestamp', 'ts_event', 'date_hit', 'created_time', 'click_date', 'occurred_at',
    'hit.dateHit',
    'ReceivedAt', 'attributes.datetime', 'attributes.timestamp',
    // generic English (Mailjet's ClickedAt is "clicked at")
    'clicked at', 'click time', 'time clicked', 'date clicked', 'clicked on', 'click datetime',
    'event time', 'event date', 'event timestamp', 'activity date', 'activity time',
    'Klickzeitpunkt', 'Klickzeit', 'Klickdatum', 'Geklickt am', 'Zeitpunkt des Klicks',
    'Date du clic', 'Heure du clic', 'Date de clic', 'Cliqué le',
    'Fecha del clic', 'Hora del clic', 'Fecha de clic', 'Fecha y hora del clic',
    'Klikdatum', 'Kliktijd', 'Tijdstip van klik', 'Geklikt op',
    // plain names that are the click time when nothing more specific is there; SendGrid's activity
    // CSV calls it "processed"; Brevo's `ts` is shifted and `date_event` is local, so both come late
    'timestamp', 'datetime', 'created_at', 'created', 'processed', 'time', 'ts', 'date_event', 'date',
    'Zeitpunkt', 'Zeitstempel', 'Datum', 'Zeit', 'Uhrzeit', 'Datum und Uhrzeit',
    'Horodatage', 'Heure', 'Date et heure',
    'Fecha', 'Hora', 'Marca de tiempo', 'Fecha y hora',
    'Tijdstip', 'Tijdstempel', 'Tijd', 'Datum en tijd',
    // ActiveCampaign's heading; last, since elsewhere "Clicked" can be a yes/no
    'clicked',
  ],
  link: [
    'click.link', 'click.url', 'activity.url', 'OriginalLink', 'link_url', 'attributes.event_properties.URL',
    'target_link_url', 'property_url', 'href', 'properties.url', 'redirect.url',
    'url', 'link', 'clicked url', 'clicked link', 'link address', 'target url', 'destination url',
    'Linkadresse', 'Geklickter Link', 'Lien', 'Lien cliqué', 'URL du lien', 'Enlace', 'Enlace pulsado',
    'Vínculo', 'Koppeling', 'Aangeklikte link',
    // ids of a tracked link, when the export has no URL (Mailchimp click-details, Mautic)
    'url_id', 'link_id', 'redirect_id',
  ],
  campaign: [
    // an automation's e-mail, a broadcast: the e-mail, where a campaign id may be shared by several
    'automation_email_id', 'broadcast_id', 'properties.email_id', 'property_campaign_name', 'canvas_step_name',
    'campaign name', 'campaign', 'campaign title', 'singlesend_name', 'marketing_campaign_name',
    'mail.tags.campaign', 'Metadata.campaign', 'attributes.event_properties.Campaign Name',
    'campaign_id', 'campaign_activity_id', 'emailCampaignId', 'mj_campaign_id', 'camp_id',
    'marketing_campaign_id', 'singlesend_id', 'campaign_uuid', 'email_id', 'email name', 'mailing',
    'newsletter',
    'Kampagne', 'Kampagnenname', 'Aussendung', 'Campagne', 'Nom de la campagne', 'Campaña',
    'Nombre de la campaña', 'Campagnenaam', 'Nieuwsbrief',
    // the subject names the e-mail when there is no campaign. Mailgun's `message.headers.subject`
    // is left to the last-part match, so that its `tags`, which unlike the subject are on click
    // events too, win
    'subject', 'email subject', 'msg.subject', 'mail.commonHeaders.subject',
    'Betreff', 'Objet', 'Asunto', 'Onderwerp',
    // weaker names: ActiveCampaign's "Message", Mailjet's custom campaign, tags and categories
    'message', 'customcampaign', 'source_id', 'tag', 'tags', 'category', 'categories',
  ],
  userAgent: [
    'click.userAgent', 'client-info.user-agent', 'user agent', 'agent', 'ua', 'browser user agent',
    'Browserkennung', 'Agent utilisateur', 'Agente de usuario',
  ],
  ip: [
    'click.ipAddress', 'activity.ip', 'Geo.IP', 'ip', 'ip address', 'client ip', 'remote ip',
    'remote_addr', 'IP-Adresse', 'Adresse IP', 'Dirección IP', 'IP-adres',
  ],
  sentAt: [
    // a Delivery record's own time (SES): it dates that copy, where the mail's timestamp is only its send
    'delivery.timestamp',
    'mail.timestamp', 'msg.ts', 'ts_sent', 'sentBy.created', 'send_at', 'date_sent', 'SentDate',
    'DeliveredAt', 'sent_by_created', 'injection_time', 'sent at', 'sent time', 'send time', 'send date', 'delivery time', 'delivered time',
    'started_at',
    'Versandzeitpunkt', 'Versanddatum', 'Versandzeit', 'Gesendet am', 'Versendet am', 'Zugestellt am',
    "Date d'envoi", "Heure d'envoi", 'Envoyé le', 'Date de livraison',
    'Fecha de envío', 'Hora de envío', 'Enviado', 'Fecha de entrega',
    'Verzenddatum', 'Verzendtijd', 'Verzonden op', 'Afgeleverd op',
  ],
  messageId: [
    // one copy's id, on its deliveries and its clicks alike: SES, Mailgun, SendGrid, SparkPost,
    // Customer.io, Iterable, Resend
    'mail.messageId', 'message.headers.message-id', 'sg_message_id', 'message_id', 'delivery_id',
    'data.email_id',
  ],
  eventType: [
    'eventType', 'activity.action', 'tracking_activity_type', 'RecordType', 'event', 'event name',
    'metric', 'eventCategoryType', 'type', 'activity_type', 'action', 'activity',
    'Ereignis', 'Ereignistyp', 'Aktion', 'Événement', "Type d'événement", 'Evento', 'Tipo de evento',
    'Gebeurtenis', 'Actie',
  ],
  channel: [
    // the channel a message went out on, where one event name serves them all: Customer.io's
    // `object_type`, Mautic's `hit.source` (its page_hits table's `source`)
    'object_type', 'channel', 'hit.source', 'source', 'message_type', 'Kanal', 'Canal',
  ],
  count: [
    'clicks', 'click count', 'clicks_count', 'total clicks', 'number of clicks', 'count',
    'Klicks', 'Anzahl Klicks', 'Clics', 'Nombre de clics', 'Número de clics', 'Kliks', 'Aantal kliks',
  ],
  botFlag: [
    // Mailgun, Klaviyo (a plain "Bot Click" too, unless it is our own "Bot click" column), HubSpot
    'client-info.bot', 'attributes.event_properties.Bot Click', 'filteredEvent', 'is_suspected_bot_click',
    'property_bot_click', 'bot click', 'is_bot',
    'bot',
  ],
  override: [OVERRIDE_HEADER],
};

/**
 * Headings that mean none of the roles, though their name or their values look like one: the
 * sender, the sending server, a list, a bounce type, the parts of a nested record that repeat a
 * role's last name (`browser.url`, `delivery-status.message`). They are never matched, not even by
 * content.
 */
export const NOT_A_ROLE: readonly string[] = [
  'from', 'sender', 'msg.sender', 'mail.source', 'envelope.sender', 'envelope.targets', 'reply_to',
  'message.headers.from', 'mail.commonHeaders.from', 'originating_ip', 'outbound_ip',
  'envelope.sending-ip', 'sending_ip', 'ip_id', 'ListID', 'recipient-domain', 'email domain',
  'referer', 'browser.url', 'browser.producerUrl', 'browser.type', 'deleted_at', 'date_left',
  'delivery-status.message', 'activity.type', 'url_offset.type', 'url_offset.index',
  'msg.clicks', 'msg.opens', 'relationships.profile.data.type', 'relationships.metric.data.type',
  // SparkPost's sender, a Braze bot flag's wording, an API's links to the record itself
  'friendly_from', 'msg_from', 'suspected_bot_click_reason', 'links.self', 'self', 'link_index',
  // when a warehouse connector copied the row, not when anyone clicked
  '_fivetran_synced', '_fivetran_deleted',
  // ids of the row itself, and version numbers, which pass for epoch times and IP addresses
  'id', 'uuid', 'version',
];
