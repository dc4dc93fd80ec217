// The vocabulary of fraud scripts. A script is data: a list of steps played in order for one victim, each
// step `after` a delay (minutes, uniform in [min, max]) since the previous one. See docs/simulator.md.

export type Range = readonly [number, number];
/** Who calls/texts the victim: a gang mobile, a virtual-operator SIM, a spoofed domestic-looking number with a
 * "+"/"00" prefix, an overseas number, or a 106 SMS port. Gangs rotate through their pool of each kind. */
export type PeerKind = 'mobile' | 'virtual' | 'spoofed' | 'intl' | 'port106';
/** Apps: the gang's own fake app, a screen-sharing/meeting app, a chat app, a dating app. */
export type AppKind = 'gang' | 'screen_share' | 'chat' | 'dating';

export type Step =
  | { do: 'call'; after: Range; from: PeerKind; minutes: Range; repeat?: Range }
  | { do: 'sms'; after: Range; from: PeerKind; text: string; p?: number } // {url} {app} placeholders; p: sent with this probability
  | { do: 'visit'; after: Range } // victim opens the gang's URL
  | { do: 'install'; after: Range; app: AppKind }
  | { do: 'receive'; after: Range; amount: Range } // bait: a small rebate / "withdrawal" that works
  | { do: 'loan'; after: Range; amount: Range; repeat?: Range } // victim takes loans (money arrives)
  /** Money leaves: transfer(s) to the gang's first-level mule accounts. `growth` multiplies each repeat. */
  | {
      do: 'pay';
      after: Range;
      amount: Range;
      repeat?: Range;
      growth?: number;
      channel?: 'mobile' | 'online' | 'counter';
    }
  | { do: 'cash'; after: Range; amount: Range } // counter withdrawal handed to a courier: money leaves
  | { do: 'alert'; after: Range; p: number; note: string } // a partner bank's counter raises an alert
  | { do: 'parcel'; after: Range; p: number; contents: string; note?: string }
  | { do: 'quit'; p: number } // the victim stops here on their own with probability p
  | { do: 'report'; after: Range; p: number; text: string }; // the victim calls 96110 afterwards

export interface FraudTypeScript {
  /** stable code, matches the fraud-types module's codes where they exist */
  code: string;
  name: string;
  /** victims of this type are drawn from these ages/occupations (default: the global victim age bands) */
  ages?: Range;
  occupations?: readonly string[];
  /** typical gang size: how many victims one gang works at once (numbers/accounts/domains are shared among them) */
  victimsPerGang: number;
  /** URL top-level domains the gang registers, and the fake app's display names */
  tlds: readonly string[];
  appNames: readonly string[];
  steps: readonly Step[];
}
