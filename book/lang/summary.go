package lang

import "sync"

// Summary are the sentences of an EPUB's accessibility summary, which says in words what its
// accessibility metadata states. Sentences with %d take a count; HasList is "It has %s.", the
// features joined by And.
type Summary struct {
	TextOnlyWithCover, TextOnly                          string
	ImagesDescribed, CoverIncluded                       string // "…every image has a text description%s."
	OneUndescribed, SomeUndescribed                      string
	HasList, And                                         string
	Contents, HeadingsInOrder, HeadingsSkip, Landmarks   string
	PrintPages, IndexLinked, GlossaryLinked, NotesLinked string
	Math, Animated, NoHazards, Conforms                  string
}

var summaries = sync.OnceValue(func() map[string]Summary {
	return map[string]Summary{
		"en": {
			TextOnlyWithCover: "A text-only publication apart from its cover image, which has a text description.",
			TextOnly:          "A text-only publication.",
			ImagesDescribed:   "A publication of text and images: every image has a text description (its alternative text or its caption)%s.",
			CoverIncluded:     ", the cover included",
			OneUndescribed:    "A publication of text and images; one of its images has no text description.",
			SomeUndescribed:   "A publication of text and images; %d of its images have no text description.",
			HasList:           "It has %s.", And: "and",
			Contents: "a table of contents", HeadingsInOrder: "headings in a logical order",
			HeadingsSkip: "headings (some of which skip a level)", Landmarks: "landmarks",
			PrintPages:     "the page numbers of the print edition, marked in the text and listed",
			IndexLinked:    "an index whose page numbers link to the text",
			GlossaryLinked: "a glossary linked from the text",
			NotesLinked:    "footnotes linked both ways, each back to every reference",
			Math:           "Mathematics is given as LaTeX source.",
			Animated:       "The text reflows and can be read aloud; some pictures are animated and have not been checked for flashing.",
			NoHazards:      "The text reflows and can be read aloud; there are no flashing, motion or sound hazards.",
			Conforms:       "It meets EPUB Accessibility 1.1 at WCAG 2.2 Level AA.",
		},
		"es": {
			TextOnlyWithCover: "Una publicación solo de texto, salvo la imagen de cubierta, que tiene una descripción textual.",
			TextOnly:          "Una publicación solo de texto.",
			ImagesDescribed:   "Una publicación de texto e imágenes: cada imagen tiene una descripción textual (su texto alternativo o su pie)%s.",
			CoverIncluded:     ", incluida la cubierta",
			OneUndescribed:    "Una publicación de texto e imágenes; una de sus imágenes no tiene descripción textual.",
			SomeUndescribed:   "Una publicación de texto e imágenes; %d de sus imágenes no tienen descripción textual.",
			HasList:           "Tiene %s.", And: "y",
			Contents: "un índice", HeadingsInOrder: "encabezados en un orden lógico",
			HeadingsSkip: "encabezados (algunos de los cuales saltan un nivel)", Landmarks: "puntos de referencia",
			PrintPages:     "los números de página de la edición impresa, marcados en el texto y enumerados",
			IndexLinked:    "un índice analítico cuyos números de página enlazan con el texto",
			GlossaryLinked: "un glosario enlazado desde el texto",
			NotesLinked:    "notas enlazadas en los dos sentidos, cada una con todas sus llamadas",
			Math:           "Las matemáticas se dan como código LaTeX.",
			Animated:       "El texto se recompone y puede leerse en voz alta; algunas imágenes son animadas y no se han comprobado destellos.",
			NoHazards:      "El texto se recompone y puede leerse en voz alta; no hay riesgos de destellos, movimiento ni sonido.",
			Conforms:       "Cumple EPUB Accessibility 1.1 en el nivel AA de WCAG 2.2.",
		},
		"de": {
			TextOnlyWithCover: "Eine reine Textpublikation bis auf das Umschlagbild, das eine Textbeschreibung hat.",
			TextOnly:          "Eine reine Textpublikation.",
			ImagesDescribed:   "Eine Publikation aus Text und Bildern: Jedes Bild hat eine Textbeschreibung (seinen Alternativtext oder seine Bildunterschrift)%s.",
			CoverIncluded:     ", auch der Umschlag",
			OneUndescribed:    "Eine Publikation aus Text und Bildern; eines ihrer Bilder hat keine Textbeschreibung.",
			SomeUndescribed:   "Eine Publikation aus Text und Bildern; %d ihrer Bilder haben keine Textbeschreibung.",
			HasList:           "Sie hat %s.", And: "und",
			Contents: "ein Inhaltsverzeichnis", HeadingsInOrder: "Überschriften in logischer Ordnung",
			HeadingsSkip: "Überschriften (von denen manche eine Ebene überspringen)", Landmarks: "Orientierungspunkte",
			PrintPages:     "die Seitenzahlen der Druckausgabe, im Text markiert und aufgelistet",
			IndexLinked:    "ein Register, dessen Seitenzahlen auf den Text verweisen",
			GlossaryLinked: "ein vom Text aus verlinktes Glossar",
			NotesLinked:    "in beide Richtungen verlinkte Fußnoten, jede zurück zu jedem Verweis",
			Math:           "Mathematik ist als LaTeX-Quelltext angegeben.",
			Animated:       "Der Text fließt um und kann vorgelesen werden; einige Bilder sind animiert und nicht auf Blitzen geprüft.",
			NoHazards:      "Der Text fließt um und kann vorgelesen werden; es gibt keine Gefahren durch Blitzen, Bewegung oder Ton.",
			Conforms:       "Sie erfüllt EPUB Accessibility 1.1 auf WCAG-2.2-Stufe AA.",
		},
		"fr": {
			TextOnlyWithCover: "Une publication uniquement textuelle, hormis l’image de couverture, qui a une description textuelle.",
			TextOnly:          "Une publication uniquement textuelle.",
			ImagesDescribed:   "Une publication de texte et d’images : chaque image a une description textuelle (son texte de remplacement ou sa légende)%s.",
			CoverIncluded:     ", couverture comprise",
			OneUndescribed:    "Une publication de texte et d’images ; une de ses images n’a pas de description textuelle.",
			SomeUndescribed:   "Une publication de texte et d’images ; %d de ses images n’ont pas de description textuelle.",
			HasList:           "Elle a %s.", And: "et",
			Contents: "une table des matières", HeadingsInOrder: "des titres dans un ordre logique",
			HeadingsSkip: "des titres (dont certains sautent un niveau)", Landmarks: "des repères",
			PrintPages:     "les numéros de page de l’édition imprimée, marqués dans le texte et listés",
			IndexLinked:    "un index dont les numéros de page renvoient au texte",
			GlossaryLinked: "un glossaire lié depuis le texte",
			NotesLinked:    "des notes liées dans les deux sens, chacune vers chacun de ses appels",
			Math:           "Les mathématiques sont données en source LaTeX.",
			Animated:       "Le texte est recomposable et peut être lu à voix haute ; certaines images sont animées et n’ont pas été vérifiées pour les flashs.",
			NoHazards:      "Le texte est recomposable et peut être lu à voix haute ; il n’y a aucun risque de flash, de mouvement ou de son.",
			Conforms:       "Elle satisfait à EPUB Accessibility 1.1 au niveau AA des WCAG 2.2.",
		},
		"pt": {
			TextOnlyWithCover: "Uma publicação só de texto, exceto a imagem da capa, que tem descrição textual.",
			TextOnly:          "Uma publicação só de texto.",
			ImagesDescribed:   "Uma publicação de texto e imagens: cada imagem tem uma descrição textual (o seu texto alternativo ou a sua legenda)%s.",
			CoverIncluded:     ", incluindo a capa",
			OneUndescribed:    "Uma publicação de texto e imagens; uma das suas imagens não tem descrição textual.",
			SomeUndescribed:   "Uma publicação de texto e imagens; %d das suas imagens não têm descrição textual.",
			HasList:           "Tem %s.", And: "e",
			Contents: "um sumário", HeadingsInOrder: "títulos numa ordem lógica",
			HeadingsSkip: "títulos (alguns dos quais saltam um nível)", Landmarks: "pontos de referência",
			PrintPages:     "os números de página da edição impressa, marcados no texto e listados",
			IndexLinked:    "um índice remissivo cujos números de página remetem para o texto",
			GlossaryLinked: "um glossário ligado a partir do texto",
			NotesLinked:    "notas ligadas nos dois sentidos, cada uma a todas as suas chamadas",
			Math:           "A matemática é dada como código LaTeX.",
			Animated:       "O texto reflui e pode ser lido em voz alta; algumas imagens são animadas e não foram verificadas quanto a clarões.",
			NoHazards:      "O texto reflui e pode ser lido em voz alta; não há riscos de clarões, movimento ou som.",
			Conforms:       "Cumpre EPUB Accessibility 1.1 no nível AA das WCAG 2.2.",
		},
		"it": {
			TextOnlyWithCover: "Una pubblicazione di solo testo, salvo l’immagine di copertina, che ha una descrizione testuale.",
			TextOnly:          "Una pubblicazione di solo testo.",
			ImagesDescribed:   "Una pubblicazione di testo e immagini: ogni immagine ha una descrizione testuale (il testo alternativo o la didascalia)%s.",
			CoverIncluded:     ", copertina compresa",
			OneUndescribed:    "Una pubblicazione di testo e immagini; una delle sue immagini non ha descrizione testuale.",
			SomeUndescribed:   "Una pubblicazione di testo e immagini; %d delle sue immagini non hanno descrizione testuale.",
			HasList:           "Ha %s.", And: "e",
			Contents: "un indice", HeadingsInOrder: "titoli in un ordine logico",
			HeadingsSkip: "titoli (alcuni dei quali saltano un livello)", Landmarks: "punti di riferimento",
			PrintPages:     "i numeri di pagina dell’edizione a stampa, segnati nel testo ed elencati",
			IndexLinked:    "un indice analitico i cui numeri di pagina rimandano al testo",
			GlossaryLinked: "un glossario collegato dal testo",
			NotesLinked:    "note collegate nei due sensi, ciascuna a ogni suo richiamo",
			Math:           "La matematica è data come sorgente LaTeX.",
			Animated:       "Il testo si adatta e può essere letto ad alta voce; alcune immagini sono animate e non sono state verificate per i lampeggiamenti.",
			NoHazards:      "Il testo si adatta e può essere letto ad alta voce; non ci sono rischi di lampeggiamenti, movimento o suono.",
			Conforms:       "Soddisfa EPUB Accessibility 1.1 al livello AA delle WCAG 2.2.",
		},
	}
})

// SummaryFor returns the accessibility summary's sentences in a language (English when the
// table has none).
func SummaryFor(tag string) Summary { return lookup(summaries(), tag) }
