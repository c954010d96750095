package dev.qwen.invoice;

/** The extraction still does not add up after one correction round; it carries that last extraction. */
public class InconsistentInvoiceException extends RuntimeException {

    private final transient Invoice extraction;

    public InconsistentInvoiceException(Invoice extraction, String discrepancy) {
        super("The extracted invoice does not add up after one correction: " + discrepancy + ".", null, false, false);
        this.extraction = extraction;
    }

    public Invoice extraction() {
        return extraction;
    }
}
