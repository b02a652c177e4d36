// SPDX-License-Identifier: MIT
// Runs epubcheck on every book named on the command line in one JVM (a JVM
// takes a second or two to start) and prints "RESULT <status> <book>" for
// each: 0 when epubcheck reports no error and no warning.
// Run as: java -cp epubcheck.jar CheckAll.java BOOK...
public class CheckAll {
    public static void main(String[] args) {
        int failed = 0;
        for (String book : args) {
            String[] argv = {"--failonwarnings", book};
            int status = new com.adobe.epubcheck.tool.EpubChecker().run(argv);
            System.out.println("RESULT " + status + " " + book);
            if (status != 0)
                failed++;
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
