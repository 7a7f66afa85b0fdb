/** The folder of the built chat page (index.html + assets/), for the gateway to serve as static files. */
export declare const distDir: string;
