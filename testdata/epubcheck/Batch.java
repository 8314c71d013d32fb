// Batch runs epubcheck on every file named, in one Java virtual machine: starting Java and
// loading epubcheck's schemas costs seconds, checking a small EPUB a fraction of one.
// Run as a source file: java -cp /usr/share/java/epubcheck.jar Batch.java A.epub B.epub …
// Each file's report is preceded by a line "=== epubcheck FILE" and followed by
// "=== exit N FILE".
public class Batch {
    public static void main(String[] args) {
        for (String file : args) {
            System.out.println("=== epubcheck " + file);
            int code;
            try {
                code = new com.adobe.epubcheck.tool.EpubChecker().run(new String[] {file});
            } catch (Throwable e) {
                e.printStackTrace(System.out);
                code = -1;
            }
            System.out.flush();
            System.err.flush();
            System.out.println("=== exit " + code + " " + file);
        }
    }
}
