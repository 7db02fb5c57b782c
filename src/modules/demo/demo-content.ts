// The demo newsroom: a fictional coastal city paper, written for Dateline. Nothing here is real news.

export const demoSite = {
  name: 'The Alder Bay Ledger',
  description: 'Independent news from Alder Bay and the coast since 1987.',
  language: 'en',
  // English by default, with a Spanish edition at /es/ for the stories translated below.
  languages: ['en', 'es'],
  timeZone: 'America/Halifax',
};

export const demoSections = [
  { name: 'Local', description: 'City hall, schools, streets and the harbour.' },
  { name: 'Region', description: 'The coast, the islands and the capital.' },
  { name: 'Culture', description: 'Music, books, food and the people who make them.' },
  { name: 'Opinion', description: 'Columns and letters. The views are the writers’ own.' },
];

export const demoAuthors = [
  {
    name: 'Marta Quintero',
    email: 'marta@ledger.example',
    role: 'editor',
    bio: 'Marta edits the Ledger and has covered city hall for eleven years.',
  },
  {
    name: 'Daniel Okafor',
    email: 'daniel@ledger.example',
    role: 'author',
    bio: 'Daniel reports on the harbour, the fisheries and the regional economy.',
  },
  {
    name: 'Lena Hartmann',
    email: 'lena@ledger.example',
    role: 'author',
    bio: 'Lena writes about culture on the coast, in English and German.',
  },
] as const;

export interface DemoComment {
  name: string;
  email: string;
  website?: string;
  body: string;
  /** Index of the comment this one answers, within the same article. */
  replyTo?: number;
  hoursAfter: number;
}

export interface DemoArticle {
  headline: string;
  subheadline?: string;
  section: string;
  tags: string[];
  authors: number[];
  dateline: string;
  sourceCredit?: string;
  daysAgo: number;
  commentStatus?: 'open' | 'closed';
  image: { caption: string; credit: string; alt: string; palette: [string, string, string] };
  body: string;
  comments: DemoComment[];
  /** Its Spanish translation, linked to it: the same photo, section, tags and authors, words of its own. */
  spanish?: {
    headline: string;
    subheadline?: string;
    dateline: string;
    caption: string;
    alt: string;
    body: string;
    comments: DemoComment[];
  };
}

export const demoArticles: DemoArticle[] = [
  {
    spanish: {
      headline: 'El consejo del puerto aprueba reconstruir el muelle norte antes de los temporales',
      subheadline:
        'Una votación ajustada pone fin a dos años de retrasos; las obras empiezan el lunes y el ferri sigue en servicio.',
      dateline: 'ALDER BAY LEDGER –',
      caption: 'El muelle norte con la marea baja, donde un temporal cerró dos atraques la primavera pasada.',
      alt: 'Un muelle de madera sobre pilotes altos con la marea baja, con barcos de pesca amarrados al lado',
      body: `El consejo del puerto votó el jueves por la noche, por cinco votos contra cuatro, reconstruir el muelle norte antes de la temporada de temporales, tras dos años de discusión sobre quién debía pagar la obra.

El plan reparte el coste entre el ayuntamiento y la cooperativa pesquera, que descarga en ese muelle casi toda su pesca. La concejala Ines Barrow, autora del acuerdo, dijo que la votación «le da al puerto otros cuarenta años, si dejamos de discutir sobre los últimos cuarenta».

Las cuadrillas empiezan el lunes por el extremo del muelle. El ferri de las islas seguirá atracando en el muelle sur durante toda la obra.`,
      comments: [
        {
          name: 'Rosa Medina',
          email: 'rosa@example.es',
          body: 'Ya era hora. Mi padre descargaba en ese muelle cuando yo era niña.',
          hoursAfter: 1,
        },
      ],
    },
    headline: 'Harbour Council Votes to Rebuild the North Pier Before Winter Storms',
    subheadline: 'A split vote ends two years of delay; work crews start on Monday and the ferry keeps running.',
    section: 'Local',
    tags: ['Harbour', 'City Council', 'Infrastructure'],
    authors: [1],
    daysAgo: 0.2,
    dateline: 'ALDER BAY LEDGER –',
    image: {
      caption: 'The north pier at low tide, where storm damage closed two berths last spring.',
      credit: 'Ledger photo',
      alt: 'A wooden pier on tall pilings at low tide, with fishing boats moored beside it',
      palette: ['#1e3a5f', '#4f7cac', '#e6b655'],
    },
    body: `The harbour council voted five to four on Thursday night to rebuild the north pier before the winter storm season, ending two years of delay over who should pay for the work.

The plan splits the cost between the city and the fishing co-operative, which uses the pier for most of its landings. Councillor Ines Barrow, who proposed the compromise, said the vote "buys the harbour another forty years, if we stop arguing about the last forty."

Crews will start on Monday. The ferry to Gull Island will keep its timetable, but the fuel dock moves to the south basin until March.

Opponents said the co-operative's share was too small. "We are asking taxpayers on the hill to pay for a pier they will never stand on," said Councillor Pete Loring, who voted against.

The council will publish the contract and the engineers' report on its website next week.`,
    comments: [
      {
        name: 'Ruth Abernathy',
        email: 'ruth@example.org',
        body: 'Finally. My father fished off that pier for thirty years and it has been falling apart since the 2019 storm.',
        hoursAfter: 1,
      },
      {
        name: 'Sam Whitlock',
        email: 'sam.w@example.net',
        body: "I would like to see the engineers' report before I cheer. Last time the estimate doubled halfway through.",
        hoursAfter: 2,
      },
      {
        name: 'Ruth Abernathy',
        email: 'ruth@example.org',
        body: 'Fair point, Sam. The article says it will be published next week, so we can all read it.',
        replyTo: 1,
        hoursAfter: 3,
      },
      {
        name: 'Jonah Pereira',
        email: 'jonah@example.com',
        website: 'https://example.com/jonah',
        body: 'Does anyone know if the Saturday market boats can still use the south basin during the work?',
        hoursAfter: 4,
      },
    ],
  },
  {
    headline: 'School Board Delays Closing of Two Island Schools by a Year',
    section: 'Local',
    tags: ['Schools', 'Gull Island'],
    authors: [0],
    daysAgo: 1.1,
    dateline: 'ALDER BAY LEDGER –',
    image: {
      caption: 'The primary school on Gull Island has 31 pupils this year.',
      credit: 'Ledger photo',
      alt: 'A small white schoolhouse with a red door and a playground in front',
      palette: ['#2f5d50', '#8fbf9f', '#f2e8cf'],
    },
    body: `The school board put off closing the two primary schools on Gull Island and Heron Key for at least a year, after parents packed Tuesday's meeting to argue that the ferry crossing was too long for young children.

Board chair Alan Tse said the delay would give the board time to test a shared-teacher model between the islands. "Nobody here wants a six-year-old on a boat at seven in the morning in January," he said.

The closures would have saved about 400,000 dollars a year. The board will revisit the question next autumn with attendance figures from the trial.`,
    comments: [
      {
        name: 'Clara Mendes',
        email: 'clara.m@example.org',
        body: 'Thank you to everyone who came on Tuesday. It made a difference.',
        hoursAfter: 5,
      },
      {
        name: 'Oskar Lind',
        email: 'oskar@example.net',
        body: 'A year is not a solution. It is a postponement.\n\nThe numbers will be the same next autumn.',
        hoursAfter: 8,
      },
    ],
  },
  {
    headline: 'Cod Quotas Cut Again as Coastal Towns Brace for a Lean Season',
    subheadline: 'Regional fisheries office trims the catch by 12 percent; co-operatives ask for a bridging fund.',
    section: 'Region',
    tags: ['Fisheries', 'Economy'],
    authors: [1],
    daysAgo: 2,
    dateline: 'PORT MERRIN –',
    sourceCredit: 'Coastal Press Service',
    image: {
      caption: 'Boats idle in Port Merrin after the quota announcement. File photo',
      credit: 'Coastal Press Service',
      alt: 'Several fishing boats tied up side by side in a quiet harbour under grey skies',
      palette: ['#37474f', '#78909c', '#cfd8dc'],
    },
    body: `The regional fisheries office cut the cod quota for the coming season by 12 percent on Wednesday, the third cut in four years, reports the Coastal Press Service.

Officials said surveys showed fewer young fish reaching the spawning grounds. Fishing co-operatives from Port Merrin to Alder Bay asked the regional government for a bridging fund to keep crews paid through the spring.

"We accept the science. What we cannot accept is being told to tighten our belts with no belt left," said Hanna Voss, who chairs the Port Merrin co-operative.

The office said it would review the quota in June if the spring survey improved.`,
    comments: [
      {
        name: 'Tomas Riordan',
        email: 'tomas@example.com',
        body: 'Every cut is described as temporary. None of them have been.',
        hoursAfter: 3,
      },
      {
        name: 'Alicia Braga',
        email: 'alicia@example.org',
        body: 'The stock has to recover or there will be no fishery at all. A bridging fund is the right ask.',
        replyTo: 0,
        hoursAfter: 6,
      },
      {
        name: 'Tomas Riordan',
        email: 'tomas@example.com',
        body: 'Agreed on the fund. I just want someone to say how long "temporary" is.',
        replyTo: 1,
        hoursAfter: 7,
      },
    ],
  },
  {
    spanish: {
      headline: 'Abre una librería bilingüe donde estuvo la vieja tienda de efectos navales',
      subheadline:
        'Libros y Mareas ofrece títulos en español y en inglés codo con codo, y organiza lecturas en el altillo.',
      dateline: 'ALDER BAY LEDGER –',
      caption: 'La dueña, Pilar Esteve, coloca las novedades el día de la apertura.',
      alt: 'Altas estanterías de madera bajo un techo de viejas vigas de barco, iluminadas por una ventana redonda',
      body: `Durante noventa años, la tienda de la calle Water vendió cabos y piezas de latón. Desde el sábado vende libros: en español en la pared de la izquierda, en inglés en la de la derecha, y de los dos en la mesa larga del centro.

Pilar Esteve, que llegó a Alder Bay desde Valencia hace ocho años, cuenta que quería una tienda donde sus hijos «no tuvieran que elegir idioma en la puerta».

*Libros y Mareas* conserva las vigas del techo y el viejo mostrador. Las lecturas empiezan el mes que viene en el altillo, con una poeta de las islas que escribe en las dos lenguas.`,
      comments: [
        {
          name: 'Tomás Ferrer',
          email: 'tomas@example.es',
          body: 'Pasé ayer y salí con tres libros. El mostrador antiguo es precioso.',
          hoursAfter: 3,
        },
      ],
    },
    headline: 'A Bilingual Bookshop Opens Where the Old Ship Chandlery Stood',
    subheadline: 'Libros y Mareas stocks Spanish and English titles side by side, and hosts readings on the mezzanine.',
    section: 'Culture',
    tags: ['Books', 'Waterfront'],
    authors: [2],
    daysAgo: 3,
    dateline: 'ALDER BAY LEDGER –',
    image: {
      caption: 'Owner Pilar Esteve shelves new arrivals on opening day.',
      credit: 'Lena Hartmann / Ledger',
      alt: 'Tall wooden bookshelves under a ceiling of old ship beams, lit by a round window',
      palette: ['#5d4037', '#a1887f', '#ffe0b2'],
    },
    body: `The chandlery on Water Street sold rope and brass for ninety years. Since Saturday it has sold books: in Spanish on the left wall, in English on the right, and both on the long table in the middle.

Pilar Esteve, who moved to Alder Bay from Valencia eight years ago, said she wanted a shop where her children "would not have to choose a language at the door."

*Libros y Mareas* — books and tides — kept the chandlery's ceiling beams and its old counter. Readings start next month on the mezzanine, with a poet from the islands who writes in both languages.`,
    comments: [
      {
        name: 'Beatriz Soto',
        email: 'beatriz@example.es',
        body: '¡Qué alegría! Fuimos el sábado y los niños no querían irse.',
        hoursAfter: 2,
      },
      {
        name: 'Henry Walsh',
        email: 'henry@example.org',
        body: 'Lovely to see the old beams kept. Good luck to the shop.',
        hoursAfter: 9,
      },
    ],
  },
  {
    headline: 'Letter: The Ferry Timetable Forgets People Who Work Nights',
    section: 'Opinion',
    tags: ['Ferry', 'Letters'],
    authors: [0],
    daysAgo: 4,
    dateline: '',
    image: {
      caption: 'The last ferry leaves Alder Bay at 10.40 pm.',
      credit: 'Ledger photo',
      alt: 'A small car ferry with its lights on, leaving a dock at dusk',
      palette: ['#1a237e', '#5c6bc0', '#ffcc80'],
    },
    body: `I work the night shift at the hospital and live on Gull Island. The new timetable moves the first morning ferry from 6.15 to 7.05. That is fifty minutes more on a bench at the terminal after twelve hours on my feet.

I am not the only one. The fish plant, the bakery and the care home all run nights. Before the timetable is fixed for the year, I ask the ferry board to count us, too.

— A reader from Gull Island, name withheld at her request`,
    comments: [
      {
        name: 'Grace Oyelaran',
        email: 'grace@example.net',
        body: 'Same for the bakery crew. We have written to the board twice.',
        hoursAfter: 4,
      },
    ],
  },
  {
    headline: 'Storm Knocks Out Power to 3,000 Homes on the Point',
    section: 'Local',
    tags: ['Weather', 'Utilities'],
    authors: [1, 0],
    daysAgo: 6,
    dateline: 'ALDER BAY LEDGER –',
    image: {
      caption: 'A utility crew works on a downed line on Point Road on Sunday morning.',
      credit: 'Daniel Okafor / Ledger',
      alt: 'Two workers in a bucket truck repairing a power line beside a flooded road',
      palette: ['#263238', '#546e7a', '#ffd54f'],
    },
    body: `Wind gusts of up to 110 kilometres an hour brought down lines across the Point on Saturday night, leaving about 3,000 homes without power for most of Sunday.

The utility said all but 40 customers were reconnected by Monday morning. A warming centre at the community hall stayed open overnight and served soup to about 200 people.

Residents on Point Road said the same stretch of line has failed in every major storm since 2020. The utility said it will consider burying it in next year's plan.`,
    comments: [
      {
        name: 'Mei Tanaka',
        email: 'mei@example.org',
        body: 'Thanks to the volunteers at the hall. The soup was excellent.',
        hoursAfter: 12,
      },
      {
        name: 'Karl Brenner',
        email: 'karl@example.com',
        body: '"Will consider" is what they said in 2021 too.',
        hoursAfter: 14,
      },
      {
        name: 'Mei Tanaka',
        email: 'mei@example.org',
        body: "True. Maybe we should all go to the utility's public meeting in January.",
        replyTo: 1,
        hoursAfter: 15,
      },
      { name: 'Karl Brenner', email: 'karl@example.com', body: 'Count me in.', replyTo: 2, hoursAfter: 16 },
    ],
  },
  {
    headline: 'Festival of the Tides Draws Record Crowd to the Waterfront',
    section: 'Culture',
    tags: ['Festivals', 'Music', 'Waterfront'],
    authors: [2],
    daysAgo: 9,
    dateline: 'ALDER BAY LEDGER –',
    image: {
      caption: 'A brass band leads the lantern parade along Water Street.',
      credit: 'Lena Hartmann / Ledger',
      alt: 'A crowd holding paper lanterns follows a brass band along a harbour street at night',
      palette: ['#311b92', '#7e57c2', '#ffab40'],
    },
    body: `About 18,000 people came to the waterfront over three days for the Festival of the Tides, the most since the festival began in 1994, organisers said.

The lantern parade on Saturday night stretched from the ferry terminal to the lighthouse. Food stalls ran out of fish cakes twice.

Organisers said next year's festival will add a second stage on the south basin to ease crowding near the terminal.`,
    comments: [
      {
        name: 'Fatima Haddad',
        email: 'fatima@example.org',
        body: 'The lantern parade was magical this year. My daughter made her own lantern at the library workshop.',
        hoursAfter: 20,
      },
    ],
  },
  {
    headline: 'Regional Rail Study Puts Alder Bay on the Long List',
    section: 'Region',
    tags: ['Transport', 'Economy'],
    authors: [1],
    daysAgo: 12,
    dateline: 'CAPITAL CITY –',
    sourceCredit: 'Coastal Press Service',
    image: {
      caption: 'The disused rail bed north of Alder Bay, now a walking trail.',
      credit: 'Coastal Press Service',
      alt: 'A gravel trail following an old railway embankment through autumn woods',
      palette: ['#33691e', '#9ccc65', '#fff59d'],
    },
    body: `A regional study of passenger rail published on Monday lists Alder Bay among eleven towns that could be reconnected to the network within fifteen years, reports the Coastal Press Service.

The line north of the city closed in 1971. Its bed is now a popular walking trail, and the study says any new service would need to run beside it rather than on it.

The regional transport minister said a short list would follow in the spring.`,
    comments: [
      {
        name: 'Ivan Petrov',
        email: 'ivan@example.net',
        body: 'Please do not take the trail away. Run the trains beside it, as the study says.',
        hoursAfter: 6,
      },
      {
        name: 'Nora Ellis',
        email: 'nora@example.com',
        body: 'Fifteen years. I will be retired. Still, good news for my grandchildren.',
        hoursAfter: 30,
      },
    ],
  },
  {
    headline: 'Opinion: Keep the Harbour Working, Not Just Pretty',
    section: 'Opinion',
    tags: ['Harbour', 'Columns'],
    authors: [0],
    daysAgo: 16,
    dateline: '',
    image: {
      caption: 'Working boats and pleasure boats share the inner harbour.',
      credit: 'Ledger photo',
      alt: 'A harbour with fishing trawlers in front and sailing yachts behind them',
      palette: ['#004d40', '#4db6ac', '#ffecb3'],
    },
    body: `Every few years someone proposes to turn the inner harbour into a marina with restaurants and a boardwalk. Every few years the fishing co-operative points out that it lands most of the town's catch there.

Both can share the water. But a working harbour is noisy, smells of diesel and bait, and starts at four in the morning. If we want it to survive, new neighbours must know what they are moving next to, and the council must write that into the plan.`,
    comments: [
      { name: 'Paul Duarte', email: 'paul@example.org', body: 'Well said. The harbour was here first.', hoursAfter: 3 },
      {
        name: 'Yasmin Clarke',
        email: 'yasmin@example.net',
        body: 'A boardwalk would bring visitors who buy from the fish market. It is not either/or.',
        hoursAfter: 5,
      },
    ],
  },
  {
    headline: 'Lighthouse Keeper’s Cottage to Reopen as a Small Museum',
    section: 'Culture',
    tags: ['History', 'Lighthouse'],
    authors: [2],
    daysAgo: 25,
    commentStatus: 'closed',
    dateline: 'ALDER BAY LEDGER –',
    image: {
      caption: 'The keeper’s cottage at Alder Point, closed since 2011. File photo',
      credit: 'Ledger archive',
      alt: 'A white stone cottage beside a striped lighthouse on a grassy headland',
      palette: ['#0d47a1', '#64b5f6', '#fafafa'],
    },
    body: `The keeper's cottage at Alder Point will reopen next summer as a small museum of the lighthouse and the families who kept it, the heritage trust said.

Volunteers have catalogued more than 600 objects, from logbooks to a brass foghorn. The trust is still looking for photographs from the 1950s and 1960s.`,
    comments: [
      {
        name: 'Edith Marr',
        email: 'edith@example.org',
        body: 'My grandmother was born in that cottage in 1931. I have a box of her photographs for the trust.',
        hoursAfter: 10,
      },
      {
        name: 'Liam Byrne',
        email: 'liam@example.com',
        body: 'That is wonderful, Edith. The trust will be delighted.',
        replyTo: 0,
        hoursAfter: 12,
      },
      {
        name: 'Edith Marr',
        email: 'edith@example.org',
        body: 'I called them this morning. They are coming on Friday.',
        replyTo: 1,
        hoursAfter: 30,
      },
    ],
  },
];
