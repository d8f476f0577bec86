/**
 * Words that must never become a name on their own: function words, very common
 * English words, weekdays, months, titles and offices, generic institution words.
 * Our own list (a few hundred words). A single-token name is dropped when its
 * lower-cased form (without a trailing period or "'s") is here. A multi-token
 * name made only of such words is dropped when it is not written like a proper
 * name (a lower-case content word: "Government officials") or when it is only
 * titles, function words and dates ("Prime Minister", "Secretary of State").
 * Capitalised multi-word names such as "United States", "White House" or
 * "Justice Department" stay.
 * All-caps acronyms skip the check (they match case-exactly), except the few in
 * BLOCKED_ACRONYMS.
 */

const FUNCTION_WORDS = `a an the and or but nor so yet for of in on at to from by with without within into onto upon
about above across after against along among amid amongst around as before behind below beneath beside besides
between beyond despite down during except inside near off out outside over past per since than through throughout
till toward towards under underneath unlike until up via versus vs whether while although though because if unless
whereas however therefore thus hence meanwhile moreover furthermore nevertheless nonetheless otherwise instead also
too very just only even still already again ever never always often sometimes soon now then here there where when
why how what which who whom whose that this these those both either neither each every all any some many much more
most few fewer less least several such other others another same own no not none nothing something anything
everything someone anyone everyone nobody everybody somebody yes indeed perhaps maybe rather quite almost enough
i me my mine myself you your yours yourself he him his himself she her hers herself it its itself we us our ours
ourselves they them their theirs themselves be is am are was were been being have has had having do does did doing
done will would shall should can could may might must ought let st`;

const COMMON_WORDS = `say said says get got make made go goes went gone know knew known take took taken see saw seen
come came think thought look looked want wanted give gave given use used find found tell told ask asked work worked
seem feel felt try tried leave left call called keep kept put mean meant become became show showed hear heard play
run ran move moved live lived believe hold held bring brought happen write wrote provide sit stand stood lose lost
pay paid meet met include included continue set learn change changed lead led understand watch follow stop create
speak spoke read reading allow add spend grow open walk win won offer remember love consider appear buy wait serve
die died send sent expect build built stay fall fell cut reach kill killed remain suggest raise pass sell require
report reported decide pull charge charged claim claimed according including following based named
time times year years people way day days man men woman women child children world life lives hand hands part place
case week weeks company system program programme question number night point home water room mother area money story
fact month months lot right rights study book eye job word words business issue side kind head house service friend
father power hour game line end member members law car city community name team minute idea kid body information
back parent face level office door health person art war history party result morning reason research girl guy
moment air teacher force forces education news state states nation national country public group problem family
school student officials official agency department committee council court board police military army navy
security border operation image images photo photos video picture gun guns weapon weapons rifle rifles town village
street road market bank press media source sources data order peace trade deal plan policy budget tax vote votes
election elections campaign justice freedom union university college church hospital center centre central north
south east west northern southern eastern western capital coast island islands lake lakes river mountain mountains
valley park bay beach port harbor harbour bridge hill hills springs falls rock wood woods field fields garden gardens
gate hall square tower station airport club cup league final sun moon star stars sky land sea ocean earth fire
good new first last long great little big small large high low old young different early late important bad able
best better real sure free full major general special clear whole certain human local federal international
political social economic foreign domestic private common close hard easy strong possible likely true false black
white red blue yellow brown gray grey green orange pink purple gold golden silver dark light hot cold rich poor top
main former current recent next previous united royal grand prime chief senior junior deputy acting interim upper
lower middle inner outer mobile nice fine fair hope grace joy faith mercy liberty independence victory unity progress
reform democracy future today tomorrow yesterday tonight evening afternoon noon midnight weekend season spring summer
autumn winter one two three four five six seven eight nine ten eleven twelve hundred thousand million billion dozen
half second third fourth fifth among yet both however image
mass ill miss wash ore pa la le el de di da du van von der den des al bin ben mo ind del mar
bath split deal most sale gap bar orange mobile reading male cork derby slough hull bury rugby tours garland
vista billings buffalo flint sparks surprise paradise enterprise temple mission plantation sunrise bend normal corona
cook price rice grant frank swift bond short cross wise sharp noble page bell ward lane fox wolf baker hunter porter
fisher butler mason walker turner carpenter barber chase earl knight sterling stone steel iron glass gold lord`;

const CALENDAR = `monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec`;

const TITLES = `president presidents vice secretary secretaries minister ministers prime premier chancellor governor governors
mayor mayors senator senators representative representatives congressman congresswoman congressmen lawmaker lawmakers
legislator legislators delegate delegates ambassador envoy consul attorney attorneys general judge judges justice
justices chairman chairwoman chair chairperson director directors administrator commissioner inspector officer
officers agent agents sheriff captain colonel major lieutenant sergeant commander admiral marshal spokesman
spokeswoman spokesperson leader leaders speaker whip king queen prince princess duke duchess lord lady sir dame
emperor empress pope bishop cardinal archbishop reverend brother sister saint dr doctor professor mr mrs ms miss
madam mister sen rep reps gov pres gen col lt sgt capt adm cmdr hon honorable excellency majesty highness ceo cfo
executive founder treasurer clerk auditor comptroller counsel solicitor prosecutor advocate barrister lawyer monarch
sultan emir sheikh shah tsar czar aide aides adviser advisor advisers spokesmen staff chief state
democrat republican liberal liberals conservative conservatives socialist socialists labour labor
green greens independent independents communist communists nationalist nationalists progressive progressives moderate moderates`;

/** Generic words for institutions: never a name alone, but they do make up proper names ("State Justice Institute"). */
const INSTITUTIONS = `government governments administration cabinet ministry parliament assembly legislature chamber commission
bureau authority tribunal federation association society institute foundation organization organisation
corporation coalition alliance republic kingdom empire province county district region territory municipality`;

function words(s: string): Set<string> {
  return new Set(s.split(/\s+/).filter(Boolean));
}

export const FUNCTION = words(FUNCTION_WORDS);
export const COMMON = new Set<string>([...FUNCTION, ...words(COMMON_WORDS), ...words(CALENDAR), ...words(TITLES), ...words(INSTITUTIONS)]);
/** Titles, offices, party labels, function words and calendar words: a name made only of these is an office or a label, not an entity. */
export const TITLE_LIKE = new Set<string>([...FUNCTION, ...words(CALENDAR), ...words(TITLES)]);

/** Acronyms that are also everyday words in all-caps headlines (plus every function word and date word written in capitals). */
export const BLOCKED_ACRONYMS = new Set(
  'A I AM AN AS AT BE BY DO GO HE IF IN IS IT ME MY NO OF OH OK ON OR SO TO UP WE TV PM AD BC DNA RNA GDP CEO CFO COO CTO HR IQ MBA FAQ ATM GPS USB SMS PDF DIY VIP LOL OMG'.split(' '),
);
/** All-caps forms that are real acronyms although the word is common: the United States, the World Health Organization. */
export const ALLOWED_ACRONYMS = new Set(['US', 'WHO']);

function tokenKey(t: string): string {
  return t
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\u2019']s$/, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** An acronym token inside a longer name ("US government"): proper, never a common word. */
function isAcronymToken(t: string): boolean {
  const bare = t.replace(/[.,;:]+$/, '');
  return /^[A-Z][A-Z.&]*$/.test(bare) && bare.replace(/[^A-Z]/g, '').length >= 2;
}

/** True when the name must not be emitted (common word, title, too short, no letters). */
export function isBlockedName(name: string): boolean {
  const s = name.trim();
  if (/^\d{1,2}\/\d{1,2}$/.test(s)) return false; // "9/11"
  if (s.length < 2 || !/\p{L}/u.test(s)) return true;
  if (/^[A-Z][A-Z.&]*$/.test(s) && s.replace(/[^A-Z]/g, '').length >= 2) {
    const bare = s.replace(/\./g, '');
    if (ALLOWED_ACRONYMS.has(bare)) return false;
    return BLOCKED_ACRONYMS.has(bare) || TITLE_LIKE.has(bare.toLowerCase());
  }
  const raw = s.split(/\s+/).filter((t) => tokenKey(t) !== '');
  const tokens = raw.map(tokenKey);
  if (tokens.length === 0) return true;
  const inSet = (set: Set<string>, t: string) => set.has(t) || t.split('-').every((p) => set.has(p));
  if (tokens.length === 1) {
    const t = tokens[0]!;
    return t.length < 2 || inSet(COMMON, t);
  }
  if (raw.some(isAcronymToken)) return false;
  if (!tokens.every((t) => inSet(COMMON, t))) return false;
  if (tokens.every((t) => inSet(TITLE_LIKE, t))) return true;
  // Every token is a common word: keep it only when written like a proper name
  // (every content word capitalised, or a capitalised word after the first: "Federal government of the United States").
  const capital = (t: string) => /^\p{Lu}/u.test(t.replace(/^[^\p{L}]+/u, ''));
  if (raw.slice(1).some((t, i) => !FUNCTION.has(tokens[i + 1]!) && capital(t))) return false;
  return raw.some((t, i) => !FUNCTION.has(tokens[i]!) && !capital(t));
}

/** Surnames too common to match alone anywhere: never PROMINENT even for a head of government. */
export const COMMON_SURNAMES = new Set([
  ...`Kim Lee Li Park Wang Zhang Chen Liu Yang Huang Zhao Wu Zhou Nguyen Tran Le Pham Khan Singh Kumar Ali Ahmed Ahmad Hamid
  Hassan Hussein Mohamed Mohammed Muhammad Sharif Shah Silva Santos Chan Wong Smith Johnson Williams Jones`.split(/\s+/),
  'da Silva',
  'dos Santos',
]);
