#include "lists.h"

#include <set>
#include <string>

namespace gen {

namespace {

const Name kEnFirst[] = {
    {"James", "james"}, {"Mary", "mary"}, {"John", "john"}, {"Patricia", "patricia"}, {"Robert", "robert"},
    {"Jennifer", "jennifer"}, {"Michael", "michael"}, {"Linda", "linda"}, {"William", "william"},
    {"Elizabeth", "elizabeth"}, {"David", "david"}, {"Barbara", "barbara"}, {"Richard", "richard"},
    {"Susan", "susan"}, {"Joseph", "joseph"}, {"Jessica", "jessica"}, {"Thomas", "thomas"}, {"Sarah", "sarah"},
    {"Charles", "charles"}, {"Karen", "karen"}, {"Christopher", "christopher"}, {"Nancy", "nancy"},
    {"Daniel", "daniel"}, {"Lisa", "lisa"}, {"Matthew", "matthew"}, {"Betty", "betty"}, {"Anthony", "anthony"},
    {"Margaret", "margaret"}, {"Mark", "mark"}, {"Sandra", "sandra"}, {"Donald", "donald"}, {"Ashley", "ashley"},
    {"Steven", "steven"}, {"Kimberly", "kimberly"}, {"Paul", "paul"}, {"Emily", "emily"}, {"Andrew", "andrew"},
    {"Donna", "donna"}, {"Joshua", "joshua"}, {"Michelle", "michelle"}, {"Kenneth", "kenneth"},
    {"Dorothy", "dorothy"}, {"Kevin", "kevin"}, {"Carol", "carol"}, {"Brian", "brian"}, {"Amanda", "amanda"},
    {"George", "george"}, {"Melissa", "melissa"}, {"Timothy", "timothy"}, {"Deborah", "deborah"},
    {"Ronald", "ronald"}, {"Stephanie", "stephanie"}, {"Edward", "edward"}, {"Rebecca", "rebecca"},
    {"Jason", "jason"}, {"Sharon", "sharon"}, {"Jeffrey", "jeffrey"}, {"Laura", "laura"}, {"Ryan", "ryan"},
    {"Cynthia", "cynthia"}, {"Jacob", "jacob"}, {"Kathleen", "kathleen"}, {"Gary", "gary"}, {"Amy", "amy"},
    {"Nicholas", "nicholas"}, {"Angela", "angela"}, {"Eric", "eric"}, {"Shirley", "shirley"},
    {"Jonathan", "jonathan"}, {"Anna", "anna"}, {"Stephen", "stephen"}, {"Brenda", "brenda"}, {"Larry", "larry"},
    {"Pamela", "pamela"}, {"Justin", "justin"}, {"Emma", "emma"}, {"Scott", "scott"}, {"Nicole", "nicole"},
    {"Brandon", "brandon"}, {"Helen", "helen"}, {"Benjamin", "benjamin"}, {"Samantha", "samantha"},
    {"Samuel", "samuel"}, {"Katherine", "katherine"}, {"Gregory", "gregory"}, {"Christine", "christine"},
    {"Alexander", "alexander"}, {"Debra", "debra"}, {"Frank", "frank"}, {"Rachel", "rachel"},
    {"Patrick", "patrick"}, {"Carolyn", "carolyn"}, {"Raymond", "raymond"}, {"Janet", "janet"}, {"Jack", "jack"},
    {"Catherine", "catherine"}, {"Dennis", "dennis"}, {"Heather", "heather"}, {"Jerry", "jerry"},
    {"Diane", "diane"}, {"Tyler", "tyler"}, {"Olivia", "olivia"}, {"Aaron", "aaron"}, {"Julie", "julie"},
    {"Nathan", "nathan"}, {"Victoria", "victoria"}, {"Zoë", "zoe"}, {"Renée", "renee"}, {"Siobhan", "siobhan"},
    {"Sean", "sean"}, {"Noah", "noah"}, {"Grace", "grace"}, {"Liam", "liam"}, {"Chloe", "chloe"},
};

const Name kEnLast[] = {
    {"Smith", "smith"}, {"Johnson", "johnson"}, {"Williams", "williams"}, {"Brown", "brown"}, {"Jones", "jones"},
    {"Garcia", "garcia"}, {"Miller", "miller"}, {"Davis", "davis"}, {"Wilson", "wilson"}, {"Anderson", "anderson"},
    {"Taylor", "taylor"}, {"Thomas", "thomas"}, {"Moore", "moore"}, {"Jackson", "jackson"}, {"Martin", "martin"},
    {"Lee", "lee"}, {"Thompson", "thompson"}, {"White", "white"}, {"Harris", "harris"}, {"Clark", "clark"},
    {"Lewis", "lewis"}, {"Robinson", "robinson"}, {"Walker", "walker"}, {"Young", "young"}, {"Allen", "allen"},
    {"King", "king"}, {"Wright", "wright"}, {"Scott", "scott"}, {"Torres", "torres"}, {"Nguyen", "nguyen"},
    {"Hill", "hill"}, {"Flores", "flores"}, {"Green", "green"}, {"Adams", "adams"}, {"Nelson", "nelson"},
    {"Baker", "baker"}, {"Hall", "hall"}, {"Rivera", "rivera"}, {"Campbell", "campbell"}, {"Mitchell", "mitchell"},
    {"Carter", "carter"}, {"Roberts", "roberts"}, {"Phillips", "phillips"}, {"Evans", "evans"},
    {"Turner", "turner"}, {"Parker", "parker"}, {"Collins", "collins"}, {"Edwards", "edwards"},
    {"Stewart", "stewart"}, {"Morris", "morris"}, {"Murphy", "murphy"}, {"Cook", "cook"}, {"Rogers", "rogers"},
    {"Morgan", "morgan"}, {"Peterson", "peterson"}, {"Cooper", "cooper"}, {"Reed", "reed"}, {"Bailey", "bailey"},
    {"Bell", "bell"}, {"Kelly", "kelly"}, {"Howard", "howard"}, {"Ward", "ward"}, {"Cox", "cox"},
    {"Richardson", "richardson"}, {"Wood", "wood"}, {"Watson", "watson"}, {"Brooks", "brooks"},
    {"Bennett", "bennett"}, {"Gray", "gray"}, {"James", "james"}, {"Hughes", "hughes"}, {"Price", "price"},
    {"Sanders", "sanders"}, {"Myers", "myers"}, {"Long", "long"}, {"Ross", "ross"}, {"Foster", "foster"},
    {"Powell", "powell"}, {"Jenkins", "jenkins"}, {"Perry", "perry"}, {"Russell", "russell"},
    {"Sullivan", "sullivan"}, {"Fisher", "fisher"}, {"Henderson", "henderson"}, {"Coleman", "coleman"},
    {"Simmons", "simmons"}, {"Patterson", "patterson"}, {"Jordan", "jordan"}, {"Reynolds", "reynolds"},
    {"Hamilton", "hamilton"}, {"Graham", "graham"}, {"Wallace", "wallace"}, {"West", "west"}, {"Cole", "cole"},
    {"Hayes", "hayes"}, {"Bryant", "bryant"}, {"Gibson", "gibson"}, {"Ellis", "ellis"}, {"Stevens", "stevens"},
    {"Murray", "murray"}, {"Ford", "ford"}, {"Marshall", "marshall"}, {"Owens", "owens"}, {"McDonald", "mcdonald"},
    {"Harrison", "harrison"}, {"Kennedy", "kennedy"}, {"Wells", "wells"}, {"Alvarado", "alvarado"},
    {"Woods", "woods"}, {"O'Brien", "obrien"}, {"O'Connor", "oconnor"}, {"MacLeod", "macleod"},
    {"Fitzgerald", "fitzgerald"}, {"Chen", "chen"}, {"Wang", "wang"}, {"Kim", "kim"}, {"Patel", "patel"},
    {"Shah", "shah"}, {"Singh", "singh"}, {"Khan", "khan"}, {"Cohen", "cohen"}, {"Russo", "russo"},
    {"Rossi", "rossi"}, {"Byrne", "byrne"}, {"Walsh", "walsh"}, {"Doyle", "doyle"}, {"Quinn", "quinn"},
    {"Hart", "hart"}, {"Knight", "knight"}, {"Hunt", "hunt"}, {"Black", "black"}, {"Lloyd", "lloyd"},
    {"Holmes", "holmes"}, {"Palmer", "palmer"}, {"Mills", "mills"}, {"Webb", "webb"}, {"Fox", "fox"},
    {"Rose", "rose"}, {"Stone", "stone"}, {"Day", "day"}, {"Lane", "lane"}, {"Pearson", "pearson"},
    {"Smith-Jones", "smith-jones"}, {"Van Dyke", "vandyke"}, {"De la Cruz", "delacruz"},
    {"Abbott", "abbott"}, {"Barker", "barker"}, {"Barnes", "barnes"}, {"Berry", "berry"}, {"Bishop", "bishop"},
    {"Bradley", "bradley"}, {"Burke", "burke"}, {"Burns", "burns"}, {"Butler", "butler"}, {"Carroll", "carroll"},
    {"Chapman", "chapman"}, {"Cunningham", "cunningham"}, {"Dixon", "dixon"}, {"Duncan", "duncan"},
    {"Elliott", "elliott"}, {"Ferguson", "ferguson"}, {"Fleming", "fleming"}, {"Fletcher", "fletcher"},
    {"Gardner", "gardner"}, {"Gordon", "gordon"}, {"Grant", "grant"}, {"Hudson", "hudson"},
    {"Hunter", "hunter"}, {"Kelley", "kelley"}, {"Lawrence", "lawrence"}, {"Lawson", "lawson"},
    {"Mason", "mason"}, {"Matthews", "matthews"}, {"Newman", "newman"}, {"Nichols", "nichols"},
    {"Oliver", "oliver"}, {"Payne", "payne"}, {"Porter", "porter"}, {"Richards", "richards"},
    {"Robertson", "robertson"}, {"Shaw", "shaw"}, {"Spencer", "spencer"}, {"Tucker", "tucker"},
    {"Warren", "warren"}, {"Watkins", "watkins"}, {"Wheeler", "wheeler"}, {"Willis", "willis"},
};

const Name kDeFirst[] = {
    {"Jürgen", "juergen"}, {"Jörg", "joerg"}, {"Günter", "guenter"}, {"Björn", "bjoern"}, {"Anna", "anna"},
    {"Lukas", "lukas"}, {"Felix", "felix"}, {"Katharina", "katharina"}, {"Sören", "soeren"}, {"Uwe", "uwe"},
    {"Jens", "jens"}, {"Birgit", "birgit"}, {"Ute", "ute"}, {"Dörte", "doerte"}, {"Maximilian", "maximilian"},
    {"Sophie", "sophie"}, {"Jürgen-Peter", "juergen-peter"}, {"Käthe", "kaethe"}, {"Wolfgang", "wolfgang"},
    {"Heike", "heike"}, {"Matthias", "matthias"}, {"Stefanie", "stefanie"},
};
const Name kDeLast[] = {
    {"Müller", "mueller"}, {"Schröder", "schroeder"}, {"Groß", "gross"}, {"Weiß", "weiss"},
    {"Schäfer", "schaefer"}, {"Köhler", "koehler"}, {"Hoffmann", "hoffmann"}, {"Schmitt", "schmitt"},
    {"Becker", "becker"}, {"Wagner", "wagner"}, {"Krüger", "krueger"}, {"Fuchs", "fuchs"}, {"Schulze", "schulze"},
    {"Böhm", "boehm"}, {"Jäger", "jaeger"}, {"Lehmann", "lehmann"}, {"Kühn", "kuehn"}, {"Günther", "guenther"},
    {"Vogt", "vogt"}, {"Zimmermann", "zimmermann"}, {"Braun", "braun"}, {"Hübner", "huebner"},
    {"Seidel", "seidel"}, {"Möller", "moeller"}, {"Voß", "voss"}, {"Brandt", "brandt"},
};

const Name kEsFirst[] = {
    {"José", "jose"}, {"María", "maria"}, {"Jesús", "jesus"}, {"Ángel", "angel"}, {"Sofía", "sofia"},
    {"Lucía", "lucia"}, {"Carlos", "carlos"}, {"Javier", "javier"}, {"Alejandro", "alejandro"},
    {"Carmen", "carmen"}, {"Andrés", "andres"}, {"Raúl", "raul"}, {"Inés", "ines"}, {"Joaquín", "joaquin"},
    {"Begoña", "begona"}, {"Iñaki", "inaki"}, {"Nuria", "nuria"}, {"Pilar", "pilar"}, {"Diego", "diego"},
    {"Álvaro", "alvaro"},
};
const Name kEsLast[] = {
    {"González", "gonzalez"}, {"Rodríguez", "rodriguez"}, {"Fernández", "fernandez"}, {"López", "lopez"},
    {"Martínez", "martinez"}, {"Sánchez", "sanchez"}, {"Pérez", "perez"}, {"Gómez", "gomez"},
    {"Jiménez", "jimenez"}, {"Muñoz", "munoz"}, {"Álvarez", "alvarez"}, {"Romero", "romero"},
    {"Navarro", "navarro"}, {"Domínguez", "dominguez"}, {"Vázquez", "vazquez"}, {"Ibáñez", "ibanez"},
    {"Peña", "pena"}, {"Castillo", "castillo"}, {"Ortega", "ortega"}, {"Rubio", "rubio"}, {"Núñez", "nunez"},
    {"Herrera", "herrera"}, {"Medina", "medina"}, {"García Márquez", "garciamarquez"},
};

const Name kFrFirst[] = {
    {"Hélène", "helene"}, {"Élodie", "elodie"}, {"François", "francois"}, {"Jérôme", "jerome"},
    {"Anaïs", "anais"}, {"Noël", "noel"}, {"Léa", "lea"}, {"Mathéo", "matheo"}, {"Chloé", "chloe"},
    {"Gaëlle", "gaelle"}, {"Loïc", "loic"}, {"Céline", "celine"}, {"Benoît", "benoit"}, {"Camille", "camille"},
    {"Julien", "julien"}, {"Margaux", "margaux"}, {"Thibault", "thibault"}, {"Aurélie", "aurelie"},
    {"Stéphane", "stephane"}, {"Jean-Luc", "jean-luc"},
};
const Name kFrLast[] = {
    {"Lefèvre", "lefevre"}, {"Dubois", "dubois"}, {"Lefebvre", "lefebvre"}, {"Moreau", "moreau"},
    {"Girard", "girard"}, {"Bonnet", "bonnet"}, {"Dupont", "dupont"}, {"Lambert", "lambert"},
    {"Fontaine", "fontaine"}, {"Rousseau", "rousseau"}, {"Mercier", "mercier"}, {"Blanc", "blanc"},
    {"Guérin", "guerin"}, {"Boyer", "boyer"}, {"Garnier", "garnier"}, {"Chevalier", "chevalier"},
    {"Lemaître", "lemaitre"}, {"Bérard", "berard"}, {"Thébault", "thebault"}, {"Lévêque", "leveque"},
    {"Dupré", "dupre"}, {"Bélanger", "belanger"},
};

const Name kPlFirst[] = {
    {"Łukasz", "lukasz"}, {"Paweł", "pawel"}, {"Małgorzata", "malgorzata"}, {"Wojciech", "wojciech"},
    {"Agnieszka", "agnieszka"}, {"Krzysztof", "krzysztof"}, {"Bartłomiej", "bartlomiej"}, {"Michał", "michal"},
    {"Katarzyna", "katarzyna"}, {"Tomasz", "tomasz"}, {"Żaneta", "zaneta"}, {"Jędrzej", "jedrzej"},
    {"Zofia", "zofia"}, {"Grzegorz", "grzegorz"}, {"Ewa", "ewa"},
};
const Name kPlLast[] = {
    {"Wójcik", "wojcik"}, {"Kowalski", "kowalski"}, {"Nowak", "nowak"}, {"Wiśniewski", "wisniewski"},
    {"Kamiński", "kaminski"}, {"Lewandowski", "lewandowski"}, {"Zieliński", "zielinski"},
    {"Szymański", "szymanski"}, {"Woźniak", "wozniak"}, {"Dąbrowski", "dabrowski"}, {"Kozłowski", "kozlowski"},
    {"Jankowski", "jankowski"}, {"Mazur", "mazur"}, {"Krawczyk", "krawczyk"}, {"Piotrowski", "piotrowski"},
    {"Grabowski", "grabowski"}, {"Pawłowski", "pawlowski"}, {"Michalski", "michalski"}, {"Król", "krol"},
    {"Wieczorek", "wieczorek"},
};

const Name kGrFirst[] = {
    {"Ελένη", "eleni"}, {"Γιώργος", "giorgos"}, {"Δημήτρης", "dimitris"}, {"Μαρία", "maria"},
    {"Νίκος", "nikos"}, {"Κατερίνα", "katerina"}, {"Γιάννης", "giannis"}, {"Σοφία", "sofia"},
    {"Αθανάσιος", "athanasios"}, {"Βασιλική", "vasiliki"}, {"Κωνσταντίνος", "konstantinos"},
    {"Ευαγγελία", "evangelia"},
};
const Name kGrLast[] = {
    {"Παπαδόπουλος", "papadopoulos"}, {"Παπαδοπούλου", "papadopoulou"}, {"Γεωργίου", "georgiou"},
    {"Οικονόμου", "oikonomou"}, {"Νικολάου", "nikolaou"}, {"Βασιλείου", "vasileiou"}, {"Ιωάννου", "ioannou"},
    {"Καραγιάννης", "karagiannis"}, {"Αλεξίου", "alexiou"}, {"Μακρής", "makris"}, {"Δημητρίου", "dimitriou"},
    {"Αντωνίου", "antoniou"}, {"Χριστοδούλου", "christodoulou"}, {"Σταματόπουλος", "stamatopoulos"},
};

const Name kJpFirst[] = {
    {"太郎", "taro"}, {"花子", "hanako"}, {"翔", "sho"}, {"陽菜", "hina"}, {"健太", "kenta"}, {"美咲", "misaki"},
    {"大輔", "daisuke"}, {"結衣", "yui"}, {"拓也", "takuya"}, {"さくら", "sakura"}, {"悠斗", "yuto"},
    {"愛", "ai"},
};
const Name kJpLast[] = {
    {"山田", "yamada"}, {"佐藤", "sato"}, {"鈴木", "suzuki"}, {"高橋", "takahashi"}, {"田中", "tanaka"},
    {"渡辺", "watanabe"}, {"伊藤", "ito"}, {"中村", "nakamura"}, {"小林", "kobayashi"}, {"加藤", "kato"},
    {"吉田", "yoshida"}, {"山本", "yamamoto"}, {"松本", "matsumoto"}, {"井上", "inoue"},
};

const Name kNoFirst[] = {
    {"Åsa", "asa"}, {"Søren", "soren"}, {"Ørjan", "orjan"}, {"Kirsten", "kirsten"}, {"Lars", "lars"},
    {"Ingrid", "ingrid"}, {"Mikael", "mikael"}, {"Sigrún", "sigrun"}, {"Þór", "thor"}, {"Astrid", "astrid"},
    {"Nils", "nils"}, {"Håkan", "hakan"}, {"Jóhanna", "johanna"}, {"Björk", "bjork"},
};
const Name kNoLast[] = {
    {"Sørensen", "sorensen"}, {"Ødegård", "odegard"}, {"Åberg", "aberg"}, {"Lindqvist", "lindqvist"},
    {"Johansson", "johansson"}, {"Nyström", "nystrom"}, {"Bergström", "bergstrom"}, {"Hansen", "hansen"},
    {"Jónsdóttir", "jonsdottir"}, {"Eriksson", "eriksson"}, {"Solberg", "solberg"}, {"Lund", "lund"},
    {"Dahl", "dahl"}, {"Holm", "holm"},
};

template <typename T, std::size_t N>
constexpr std::size_t count(const T (&)[N]) {
  return N;
}

}  // namespace

const Culture kCultures[] = {
    {"en", kEnFirst, count(kEnFirst), kEnLast, count(kEnLast)},
    {"de", kDeFirst, count(kDeFirst), kDeLast, count(kDeLast)},
    {"es", kEsFirst, count(kEsFirst), kEsLast, count(kEsLast)},
    {"fr", kFrFirst, count(kFrFirst), kFrLast, count(kFrLast)},
    {"pl", kPlFirst, count(kPlFirst), kPlLast, count(kPlLast)},
    {"gr", kGrFirst, count(kGrFirst), kGrLast, count(kGrLast)},
    {"jp", kJpFirst, count(kJpFirst), kJpLast, count(kJpLast)},
    {"no", kNoFirst, count(kNoFirst), kNoLast, count(kNoLast)},
};
const std::size_t kNumCultures = count(kCultures);

const City kUsCities[] = {
    {"Boston", "MA", "02108"},        {"Cambridge", "MA", "02139"},     {"Hartford", "CT", "06103"},
    {"Providence", "RI", "02903"},    {"Newark", "NJ", "07102"},        {"Portland", "ME", "04101"},
    {"Burlington", "VT", "05401"},    {"Manchester", "NH", "03101"},    {"Jersey City", "NJ", "07302"},
    {"New York", "NY", "10001"},      {"Brooklyn", "NY", "11201"},      {"San Francisco", "CA", "94105"},
    {"Chicago", "IL", "60601"},       {"Seattle", "WA", "98101"},       {"Austin", "TX", "78701"},
    {"Denver", "CO", "80202"},        {"Atlanta", "GA", "30303"},       {"Miami", "FL", "33131"},
    {"Los Angeles", "CA", "90012"},   {"Philadelphia", "PA", "19103"},  {"Pittsburgh", "PA", "15222"},
    {"Minneapolis", "MN", "55401"},   {"Detroit", "MI", "48226"},       {"Columbus", "OH", "43215"},
    {"Nashville", "TN", "37203"},     {"Phoenix", "AZ", "85004"},       {"Salt Lake City", "UT", "84101"},
    {"Raleigh", "NC", "27601"},       {"Dallas", "TX", "75201"},        {"Houston", "TX", "77002"},
    {"San Diego", "CA", "92101"},     {"San Jose", "CA", "95113"},      {"Portland", "OR", "97204"},
    {"Honolulu", "HI", "96813"},      {"Washington", "DC", "20001"},    {"Baltimore", "MD", "21202"},
    {"San Juan", "PR", "00901"},      {"Stamford", "CT", "06901"},      {"Worcester", "MA", "01608"},
};
const std::size_t kNumUsCities = count(kUsCities);

const City kUkCities[] = {
    {"London", "England", "EC1A 1BB"}, {"London", "England", "SW1A 2AA"}, {"London", "England", "E14 5AB"},
    {"Manchester", "England", "M1 1AE"}, {"Birmingham", "England", "B1 1AA"}, {"Edinburgh", "Scotland", "EH1 1YZ"},
    {"Leeds", "England", "LS1 4AP"},    {"Bristol", "England", "BS1 4DJ"},    {"Glasgow", "Scotland", "G1 1XQ"},
    {"Cardiff", "Wales", "CF10 1EP"},
};
const std::size_t kNumUkCities = count(kUkCities);

const City kDeCities[] = {
    {"Berlin", "Berlin", "10115"},          {"München", "Bayern", "80331"},
    {"Köln", "Nordrhein-Westfalen", "50667"}, {"Hamburg", "Hamburg", "20095"},
    {"Frankfurt am Main", "Hessen", "60311"}, {"Düsseldorf", "Nordrhein-Westfalen", "40213"},
    {"Stuttgart", "Baden-Württemberg", "70173"}, {"Leipzig", "Sachsen", "04109"},
    {"Dresden", "Sachsen", "01067"},        {"Nürnberg", "Bayern", "90402"},
};
const std::size_t kNumDeCities = count(kDeCities);

// Real geographic North American area codes (no toll-free, no N11, no 555-style
// fiction). 305 and 505 are left out: libphonenumber restricts some of their
// exchanges.
const int kUsAreaCodes[] = {
    201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217, 218, 219, 224, 225, 228, 229,
    231, 234, 239, 240, 248, 251, 252, 253, 254, 256, 260, 262, 267, 269, 270, 276, 281, 301, 302, 303, 304,
    307, 308, 309, 310, 312, 313, 314, 315, 316, 317, 318, 319, 320, 321, 323, 325, 330, 334, 336, 337, 339,
    347, 351, 352, 360, 361, 385, 386, 401, 402, 404, 405, 406, 407, 408, 409, 410, 412, 413, 414, 415, 417,
    419, 423, 424, 425, 430, 432, 434, 435, 440, 443, 469, 470, 475, 478, 479, 480, 484, 501, 502, 503, 504,
    507, 508, 509, 510, 512, 513, 515, 516, 517, 518, 520, 530, 540, 541, 551, 559, 561, 562, 563, 567, 570,
    571, 573, 574, 575, 580, 585, 586, 601, 602, 603, 605, 606, 607, 608, 609, 610, 612, 614, 615, 616, 617,
    618, 619, 620, 623, 626, 630, 631, 636, 641, 646, 650, 651, 657, 660, 661, 662, 678, 682, 701, 702, 703,
    704, 706, 707, 708, 712, 713, 714, 715, 716, 717, 718, 719, 720, 724, 727, 731, 732, 734, 740, 754, 757,
    760, 763, 765, 770, 772, 773, 774, 775, 781, 785, 786, 801, 802, 803, 804, 805, 806, 808, 810, 812, 813,
    814, 815, 816, 817, 818, 828, 830, 831, 832, 843, 845, 847, 848, 850, 856, 857, 858, 859, 860, 862, 863,
    864, 865, 870, 901, 903, 904, 906, 907, 908, 909, 910, 912, 913, 914, 915, 916, 917, 918, 919, 920, 925,
    928, 931, 936, 937, 940, 941, 947, 949, 951, 952, 954, 956, 970, 971, 972, 973, 978, 979, 980, 985, 989,
};
const std::size_t kNumUsAreaCodes = count(kUsAreaCodes);

const char* const kDepartments[kNumDepartments] = {
    "Sales", "Marketing", "Engineering", "Finance", "Operations",
    "Human Resources", "Product", "Customer Success", "Information Technology", "Legal"};

const char* const kTitles[kNumLevels][kNumDepartments] = {
    {"Chief Revenue Officer", "Chief Marketing Officer", "Chief Technology Officer", "Chief Financial Officer",
     "Chief Operating Officer", "Chief People Officer", "Chief Product Officer", "Chief Customer Officer",
     "Chief Information Officer", "General Counsel"},
    {"VP of Sales", "VP, Marketing", "VP Engineering", "VP Finance", "VP of Operations", "VP People",
     "VP of Product", "VP Customer Success", "VP, IT", "VP Legal"},
    {"Director of Sales", "Director, Demand Generation", "Director of Engineering", "Finance Director",
     "Director, Operations", "HR Director", "Director of Product Management", "Director, Customer Success",
     "IT Director", "Legal Director"},
    {"Sales Manager", "Marketing Manager", "Engineering Manager", "Accounting Manager", "Operations Manager",
     "HR Manager", "Product Manager", "Customer Success Manager", "IT Manager", "Legal Operations Manager"},
    {"Senior Account Executive", "Senior Marketing Specialist", "Senior Software Engineer",
     "Senior Financial Analyst", "Senior Operations Analyst", "Senior Recruiter", "Senior Product Designer",
     "Senior Customer Success Manager", "Senior Systems Administrator", "Senior Paralegal"},
    {"Sales Development Representative", "Marketing Coordinator", "Software Engineer", "Staff Accountant",
     "Operations Coordinator", "HR Coordinator", "Associate Product Manager", "Customer Support Specialist",
     "IT Support Technician", "Legal Assistant"},
};
const char* const kApolloSeniority[kNumLevels] = {"c_suite", "vp", "director", "manager", "senior", "entry"};
const char* const kZoomManagementLevel[kNumLevels] = {"C-Level", "VP-Level", "Director", "Manager", "Non-Manager",
                                                      "Non-Manager"};
const char* const kCognismSeniority[kNumLevels] = {"C-Level", "VP", "Director", "Manager", "Senior", "Entry"};

const char* const kIndustries[] = {
    "Computer Software", "Information Technology & Services", "Financial Services", "Hospital & Health Care",
    "Marketing & Advertising", "Real Estate", "Construction", "Retail", "Logistics & Supply Chain",
    "Higher Education", "Management Consulting", "Telecommunications", "Insurance", "Automotive",
    "Food & Beverages", "Staffing & Recruiting", "Machinery", "Medical Devices"};
const std::size_t kNumIndustries = count(kIndustries);

const char* const kRoleMailboxes[] = {"info", "sales", "office", "hello", "contact", "team", "support",
                                      "admin", "marketing", "kontakt", "enquiries", "billing"};
const std::size_t kNumRoleMailboxes = count(kRoleMailboxes);

const char* const kStreets[] = {"Main St", "Market Street", "Oak Avenue", "Broadway", "Congress St",
                                "Pine St", "Elm Street", "Park Ave", "Washington Blvd", "Mission St",
                                "High Street", "King's Road", "Friedrichstraße", "Hauptstraße", "Maple Dr"};
const std::size_t kNumStreets = count(kStreets);

const char* const kTechnologies[] = {"Salesforce", "HubSpot", "Google Analytics", "Marketo", "Zendesk",
                                     "Slack", "AWS", "Shopify", "Stripe", "Intercom", "Outreach",
                                     "Microsoft 365", "Google Workspace", "Segment", "Snowflake", "Gong"};
const std::size_t kNumTechnologies = count(kTechnologies);

const char* const kKeywords[] = {"saas", "b2b", "enterprise software", "fintech", "healthcare it", "logistics",
                                 "e-commerce", "analytics", "cybersecurity", "manufacturing", "consulting",
                                 "marketplace", "ai", "devops", "payments"};
const std::size_t kNumKeywords = count(kKeywords);

const char* const kOwners[] = {"Jane Doe", "Marcus Lee", "Priya Natarajan", "Tom O'Neil", "Sofia Rossi",
                               "Kenji Watanabe", "Amelia Clarke", "Björn Lindgren", "Fatima Zahra",
                               "Daniel Kowalczyk", "Grace Okafor", "Luis Ortega"};
const std::size_t kNumOwners = count(kOwners);

// Notes: some hold commas, quotes, line breaks and non-ASCII text on purpose.
const char* const kNotes[] = {
    "Met at SaaStr, interested in pricing",
    "Asked for the \"enterprise\" tier, follow up in Q3",
    "Called, left voicemail.\nTry again next week.",
    "Prefers e-mail; do not call before 10am",
    "Rückruf erbeten — spricht Deutsch",
    "Budget approved, 50 seats\nDecision maker: CFO\nTimeline: \"ASAP\"",
    "Intro via LinkedIn, warm lead",
    "Churned customer, won back 2023",
    "Trade show lead (booth #42), \"very keen\"",
    "Référence client: contrat signé",
    "  leading and trailing spaces  ",
    "Uses competitor, contract ends March, 2025",
    "Needs SSO, SCIM; security review pending",
    "Do not contact: legal hold",
    "Line one\r\nLine two with CRLF",
};
const std::size_t kNumNotes = count(kNotes);

const char* check_lists() {
  static std::string message;
  auto ascii_ok = [](const char* s) {
    if (!*s) return false;
    for (const char* p = s; *p; ++p)
      if (!((*p >= 'a' && *p <= 'z') || *p == '-')) return false;
    return true;
  };
  std::set<std::string> lasts;
  std::set<std::string> roles(kRoleMailboxes, kRoleMailboxes + kNumRoleMailboxes);
  for (std::size_t c = 0; c < kNumCultures; ++c) {
    const Culture& cu = kCultures[c];
    std::set<std::string> firsts;
    for (std::size_t i = 0; i < cu.n_first; ++i) {
      std::string a = cu.first[i].ascii;
      if (!ascii_ok(a.c_str()) || a.size() < 2 || !firsts.insert(a).second || roles.count(a)) {
        message = std::string("bad first name in list ") + cu.label + ": " + a;
        return message.c_str();
      }
    }
    for (std::size_t i = 0; i < cu.n_last; ++i) {
      std::string a = cu.last[i].ascii;
      if (!ascii_ok(a.c_str()) || !lasts.insert(a).second) {
        message = std::string("bad or repeated surname: ") + a;
        return message.c_str();
      }
      for (const auto& r : roles)
        if (r.size() == a.size() + 1 && r.compare(1, std::string::npos, a) == 0) {
          message = std::string("surname can form a role mailbox: ") + a;
          return message.c_str();
        }
    }
  }
  return nullptr;
}

}  // namespace gen
