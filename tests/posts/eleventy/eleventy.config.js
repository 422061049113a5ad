import { DateTime } from "luxon";
import pluginRss from "@11ty/eleventy-plugin-rss";
import pluginSyntaxHighlight from "@11ty/eleventy-plugin-syntaxhighlight";

/** @param {import("@11ty/eleventy").UserConfig} eleventyConfig */
export default async function (eleventyConfig) {
	// Copy the contents of the `public` folder to the output folder
	eleventyConfig.addPassthroughCopy({ "./public/": "/" });

	eleventyConfig.addPlugin(pluginRss);
	eleventyConfig.addPlugin(pluginSyntaxHighlight);

	eleventyConfig.addFilter("readableDate", (dateObj, format, zone) => {
		return DateTime.fromJSDate(dateObj, { zone: zone || "utc" }).toFormat(format || "dd LLLL yyyy");
	});

	// Tags double as collection names: hide the structural ones in tag lists.
	eleventyConfig.addFilter("filterTagList", (tags) => {
		return (tags || []).filter((tag) => ["all", "posts"].indexOf(tag) === -1);
	});
}

export const config = {
	templateFormats: ["md", "njk", "html", "liquid"],
	markdownTemplateEngine: "njk",
	htmlTemplateEngine: "njk",
	dir: {
		input: ".",
		includes: "_includes",
		data: "_data",
		output: "_site",
	},
};
