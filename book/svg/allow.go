package svg

import "sync"

// The allow-lists: static SVG 1.1 (and Tiny 1.2) drawing. Anything not named here is left
// out of the rebuilt picture. Names are case-sensitive, as in XML.

const (
	nsSVG   = "http://www.w3.org/2000/svg"
	nsXLink = "http://www.w3.org/1999/xlink"
	nsXML   = "http://www.w3.org/XML/1998/namespace"
	nsXHTML = "http://www.w3.org/1999/xhtml"
)

// elements are the elements kept.
var elements = set(
	// structure ("a" is read, but only its content is kept: see linkElement)
	"svg", "g", "defs", "desc", "title", "symbol", "use", "switch", "a", "style",
	// shapes
	"path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
	// text
	"text", "tspan", "textPath",
	// paint servers, clipping, markers
	"linearGradient", "radialGradient", "stop", "pattern", "solidColor",
	"clipPath", "mask", "marker",
	// raster pictures, as data: URLs only
	"image",
	// filters (not feImage, which fetches)
	"filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
	"feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
	"feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge",
	"feMergeNode", "feMorphology", "feOffset", "fePointLight", "feSpecularLighting",
	"feSpotLight", "feTile", "feTurbulence",
)

// quietElements are SVG elements left out without a warning: data about the picture that
// editors write, not drawing.
var quietElements = set("metadata")

// editorNamespaces are the namespaces of drawing programs' own data (Inkscape, Sodipodi,
// Illustrator, Sketch, RDF metadata): left out without a warning.
var editorNamespaces = set(
	"http://www.inkscape.org/namespaces/inkscape",
	"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
	"http://inkscape.sourceforge.net/DTD/sodipodi-0.dtd",
	"http://www.w3.org/1999/02/22-rdf-syntax-ns#",
	"http://creativecommons.org/ns#",
	"http://web.resource.org/cc/",
	"http://purl.org/dc/elements/1.1/",
	"http://ns.adobe.com/AdobeIllustrator/10.0/",
	"http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
	"http://ns.adobe.com/Graphs/1.0/",
	"http://ns.adobe.com/Extensibility/1.0/",
	"http://ns.adobe.com/Flows/1.0/",
	"http://ns.adobe.com/ImageReplacement/1.0/",
	"http://ns.adobe.com/SaveForWeb/1.0/",
	"http://ns.adobe.com/Variables/1.0/",
	"http://ns.adobe.com/xap/1.0/",
	"http://www.bohemiancoding.com/sketch/ns",
)

// properties are the presentation properties: allowed as attributes and in style
// declarations. Their values pass cssValueOK (url() only to #id). cursor and color-profile
// are left out: they name files.
var properties = set(
	"alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color",
	"color-interpolation", "color-interpolation-filters", "color-rendering", "direction",
	"display", "dominant-baseline", "enable-background", "fill", "fill-opacity", "fill-rule",
	"filter", "flood-color", "flood-opacity", "font-family", "font-size", "font-size-adjust",
	"font-stretch", "font-style", "font-variant", "font-weight",
	"glyph-orientation-horizontal", "glyph-orientation-vertical", "image-rendering", "kerning",
	"letter-spacing", "lighting-color", "marker-end", "marker-mid", "marker-start", "mask",
	"opacity", "overflow", "pointer-events", "shape-rendering", "stop-color", "stop-opacity",
	"stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
	"stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor", "text-decoration",
	"text-rendering", "unicode-bidi", "visibility", "word-spacing", "writing-mode",
	"solid-color", "solid-opacity", "vector-effect",
)

// styleOnly are properties allowed in style declarations but not as attributes (CSS
// shorthands).
var styleOnly = set("font", "marker")

// attributes are the other attributes kept, on any element (besides properties).
var attributes = set(
	"id", "class", "style",
	"requiredFeatures", "systemLanguage",
	"x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "fx", "fy",
	"x1", "y1", "x2", "y2", "points", "d", "pathLength", "transform",
	"viewBox", "preserveAspectRatio", "version", "baseProfile",
	"dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing",
	"gradientUnits", "gradientTransform", "spreadMethod", "offset",
	"patternUnits", "patternContentUnits", "patternTransform",
	"clipPathUnits", "maskUnits", "maskContentUnits",
	"markerUnits", "markerWidth", "markerHeight", "refX", "refY", "orient",
	"filterUnits", "primitiveUnits", "filterRes", "in", "in2", "result", "stdDeviation",
	"mode", "type", "values", "operator", "k1", "k2", "k3", "k4", "scale",
	"xChannelSelector", "yChannelSelector", "radius", "baseFrequency", "numOctaves", "seed",
	"stitchTiles", "surfaceScale", "diffuseConstant", "specularConstant", "specularExponent",
	"kernelMatrix", "kernelUnitLength", "order", "divisor", "bias", "targetX", "targetY",
	"edgeMode", "preserveAlpha", "tableValues", "slope", "intercept", "amplitude", "exponent",
	"azimuth", "elevation", "z", "pointsAtX", "pointsAtY", "pointsAtZ", "specularExponent",
	"limitingConeAngle",
	"role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden",
)

// xmlAttributes are the attributes kept in the XML namespace.
var xmlAttributes = set("space", "lang")

// hrefRule says what an element's href may point to.
type hrefRule int

const (
	hrefNone     hrefRule = iota // no href kept
	hrefFragment                 // "#id" in this document only
	hrefPicture                  // a data: URL of a PNG or JPEG that passes the picture checks
)

var hrefRules = sync.OnceValue(func() map[string]hrefRule {
	return map[string]hrefRule{
		"use": hrefFragment, "textPath": hrefFragment, "linearGradient": hrefFragment,
		"radialGradient": hrefFragment, "pattern": hrefFragment, "filter": hrefFragment,
		"image": hrefPicture,
	}
})

// linkElement is SVG's link. A picture in a book links nowhere: readers show it as an image,
// and epubcheck refuses a link inside one. Its content is kept, the link left out.
const linkElement = "a"

// set is a set of names made on first use: a book without SVG never makes the lists.
func set(names ...string) func() map[string]bool {
	return sync.OnceValue(func() map[string]bool {
		m := make(map[string]bool, len(names))
		for _, n := range names {
			m[n] = true
		}
		return m
	})
}
