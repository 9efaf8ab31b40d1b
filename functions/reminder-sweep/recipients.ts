// Who a reminder or escalation goes to (DESIGN §1: the service lead, then the organisation's QI
// lead, then the network manager; the lead reviewer for the steps reviewers owe). Addresses come
// from the cycle's contacts, written at enrolment (the lead reviewer's with each allocation of the
// team; a cycle allocated before that reads the allocation); the network manager is the network's
// staff mailbox. A role without an address yields none: the sweep records the reminder as
// undeliverable (with an audit event) rather than sending it to someone else.
import { getAllocation } from '#commons/helpers/records';
import type { CycleRecord, NetworkRecord } from '#commons/helpers/records';
import { leadReviewerEmails } from '#commons/helpers/review-team';
import { RecipientRole } from '#core/vocabulary';

/** Contacts the cycle may carry beyond the skeleton's service lead and committee. */
interface ReminderContacts {
  serviceLead?: string[];
  organisationQiLead?: string[];
  networkStaff?: string[];
  leadReviewer?: string[];
}

/** The network's staff mailbox; networks imported before it existed have only the committee's. */
interface NetworkMailboxes {
  staffEmail?: string;
  committeeEmail: string;
}

const networkManagerAddresses = (contacts: ReminderContacts, network: NetworkMailboxes): string[] =>
  contacts.networkStaff?.length ? contacts.networkStaff : [network.staffEmail ?? network.committeeEmail];

const recipientsFor = (role: RecipientRole, cycle: Pick<CycleRecord, 'contacts'>, network: Pick<NetworkRecord, 'committeeEmail'> & NetworkMailboxes): string[] => {
  const contacts = cycle.contacts as ReminderContacts;
  switch (role) {
    case RecipientRole.ServiceLead:
      return contacts.serviceLead ?? [];
    case RecipientRole.OrganisationQiLead:
      return contacts.organisationQiLead ?? [];
    case RecipientRole.LeadReviewer:
      return contacts.leadReviewer ?? [];
    case RecipientRole.NetworkManager:
      return networkManagerAddresses(contacts, network);
  }
};

/** As recipientsFor, and for a cycle whose team was allocated before its contacts were written on it, the allocation's lead reviewer. */
const addressesFor = async (role: RecipientRole, cycle: Pick<CycleRecord, 'cycleId' | 'contacts'>, network: Pick<NetworkRecord, 'committeeEmail'> & NetworkMailboxes): Promise<string[]> => {
  const found = recipientsFor(role, cycle, network);
  if (found.length > 0 || role !== RecipientRole.LeadReviewer || (cycle.contacts as ReminderContacts).leadReviewer !== undefined) return found;
  return leadReviewerEmails((await getAllocation(cycle.cycleId))?.team ?? []);
};

/** How the escalation email names the reader's part ("You are receiving this as ..."). */
const recipientLabel: Readonly<Record<RecipientRole, string>> = {
  [RecipientRole.ServiceLead]: 'the service lead',
  [RecipientRole.OrganisationQiLead]: "the organisation's QI lead",
  [RecipientRole.NetworkManager]: 'the network manager',
  [RecipientRole.LeadReviewer]: 'the lead reviewer',
};

export { addressesFor, recipientLabel, recipientsFor };
export type { ReminderContacts };
