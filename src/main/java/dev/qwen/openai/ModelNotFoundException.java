package dev.qwen.openai;

/** The request named a model this service does not serve. */
public class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(String model) {
        super("The model '" + model + "' does not exist; this service serves " + OpenAiResource.MODEL_ID + ".",
                null, false, false);
    }
}
